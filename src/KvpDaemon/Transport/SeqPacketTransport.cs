// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

using System.Net.Sockets;

namespace KvpDaemon.Transport;

/// <summary>
/// The simulator transport (<c>--device unix:PATH</c>): an AF_UNIX SOCK_SEQPACKET connection to a host simulator that
/// plays the kernel's part. Each datagram is one message of the ABI's size, both ways, with the ABI's handshake. A
/// closed connection reads as <see cref="EndOfStreamException"/>, which the channel treats like a device reset.
/// </summary>
internal sealed class SeqPacketTransport : IKvpTransport
{
    public const string Scheme = "unix:";

    private readonly string _path;
    private Socket? _socket;

    public SeqPacketTransport(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        _path = path;
    }

    public string Description => Scheme + _path;

    public async ValueTask OpenAsync(CancellationToken cancellationToken)
    {
        Close();
        var socket = new Socket(AddressFamily.Unix, SocketType.Seqpacket, ProtocolType.Unspecified);
        try
        {
            await socket.ConnectAsync(new UnixDomainSocketEndPoint(_path), cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            socket.Dispose();
            throw;
        }

        _socket = socket;
    }

    public async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken)
    {
        var socket = _socket ?? throw new IOException("The simulator socket is not connected.");
        var received = await socket.ReceiveAsync(buffer, SocketFlags.None, cancellationToken).ConfigureAwait(false);
        return received > 0 ? received : throw new EndOfStreamException("The host simulator closed the connection.");
    }

    public async ValueTask WriteAsync(ReadOnlyMemory<byte> message, CancellationToken cancellationToken)
    {
        var socket = _socket ?? throw new IOException("The simulator socket is not connected.");
        await socket.SendAsync(message, SocketFlags.None, cancellationToken).ConfigureAwait(false);
    }

    public void Close()
    {
        _socket?.Dispose();
        _socket = null;
    }

    public void Dispose() => Close();
}
