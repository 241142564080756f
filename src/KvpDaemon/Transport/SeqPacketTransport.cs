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
    private byte[] _receiveBuffer = [];

    public SeqPacketTransport(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        _path = path;
    }

    public string Description => Scheme + _path;

    public ValueTask OpenAsync(CancellationToken cancellationToken)
    {
        Close();
        var socket = new Socket(AddressFamily.Unix, SocketType.Seqpacket, ProtocolType.Unspecified);
        try
        {
            // Synchronous on purpose: connecting a unix socket completes at once, and an asynchronous connect would
            // switch the socket to non-blocking mode, turning every later receive into an epoll round trip.
            socket.Connect(new UnixDomainSocketEndPoint(_path));
        }
        catch (SocketException exception) when (!File.Exists(_path))
        {
            // .NET maps connect's ENOENT to "Cannot assign requested address", which points nowhere useful.
            socket.Dispose();
            throw new IOException($"no socket at {_path}; start the host simulator (hvkvp-sim) on it", exception);
        }
        catch
        {
            socket.Dispose();
            throw;
        }

        _socket = socket;
        return ValueTask.CompletedTask;
    }

    /// <remarks>
    /// A blocking receive, like the device's read: the request loop owns a thread, and a blocking call saves the
    /// hand-off through the runtime's socket event thread on every message. Shutdown wakes it by shutting the socket
    /// down, which ends a blocked recv(2) at once.
    /// </remarks>
    public ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken)
    {
        var socket = _socket ?? throw new IOException("The simulator socket is not connected.");
        int received;
        using (cancellationToken.Register(static state => ShutDown((Socket)state!), socket))
        {
            try
            {
                // One byte more than asked: an oversized datagram then shows as a wrong length (the kernel cuts a
                // SOCK_SEQPACKET datagram to the buffer silently).
                if (_receiveBuffer.Length != buffer.Length + 1)
                {
                    _receiveBuffer = new byte[buffer.Length + 1];
                }

                received = socket.Receive(_receiveBuffer, SocketFlags.None);
                _receiveBuffer.AsSpan(0, Math.Min(received, buffer.Length)).CopyTo(buffer.Span);
            }
            catch (SocketException) when (cancellationToken.IsCancellationRequested)
            {
                received = 0;
            }
        }

        cancellationToken.ThrowIfCancellationRequested();
        return received > 0 || !HasHungUp(socket)
            ? ValueTask.FromResult(received)
            : throw new EndOfStreamException("The host simulator closed the connection.");
    }

    public ValueTask WriteAsync(ReadOnlyMemory<byte> message, CancellationToken cancellationToken)
    {
        var socket = _socket ?? throw new IOException("The simulator socket is not connected.");
        socket.Send(message.Span, SocketFlags.None);
        return ValueTask.CompletedTask;
    }

    public void Close()
    {
        _socket?.Dispose();
        _socket = null;
    }

    public void Dispose() => Close();

    /// <summary>
    /// Whether a receive of 0 bytes meant the peer hung up rather than sent an empty datagram, which SOCK_SEQPACKET
    /// allows and recv(2) also reports as 0. After a hang-up the socket stays readable with nothing to read; after an
    /// empty datagram it is not readable, because the peer waits for the reply. (A second empty datagram queued behind
    /// the first is taken for a hang-up: the daemon then reconnects, which is still a defined outcome.)
    /// </summary>
    private static bool HasHungUp(Socket socket) => socket.Poll(0, SelectMode.SelectRead) && socket.Available == 0;

    private static void ShutDown(Socket socket)
    {
        try
        {
            socket.Shutdown(SocketShutdown.Both);
        }
        catch (ObjectDisposedException)
        {
            // Already closed: nothing left to wake.
        }
        catch (SocketException)
        {
            // Not connected any more: the receive has already ended.
        }
    }
}
