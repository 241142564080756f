// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

using System.Buffers;
using System.Net.Sockets;
using KvpDaemon.Protocol;

namespace KvpDaemon.HostSimulator.Simulation;

/// <summary>
/// Plays the kernel's part of the KVP exchange (docs/protocol.md 3.1 and 3.3) over an AF_UNIX SOCK_SEQPACKET socket, so the
/// daemon can be driven without Hyper-V. The simulator listens; the daemon (<c>--device unix:PATH</c>) connects. Every
/// datagram is one message of <see cref="KvpAbi.MessageSize"/> bytes in both directions.
/// </summary>
/// <remarks>
/// Ownership: the simulator owns the listening socket (and the socket file, deleted on dispose), at most one accepted
/// connection, and one pooled buffer. It is not thread-safe: one operation at a time, as the kernel has one request in
/// flight at a time; overlapping calls throw <see cref="InvalidOperationException"/>. The listener stays open across
/// <see cref="DisconnectAsync"/>, so a daemon that treats the closed connection as a device reset can reconnect and
/// register again.
/// </remarks>
internal sealed partial class KvpHostSimulator : IAsyncDisposable
{
    /// <summary>
    /// Receive buffer size: much larger than a message, so a hostile or broken daemon's oversized datagram is seen as
    /// oversized rather than silently truncated to the expected size.
    /// </summary>
    private const int ReceiveBufferSize = 64 * 1024;

    private readonly Socket _listener;
    private readonly byte[] _buffer;
    private Socket? _connection;
    private int _busy;
    private bool _disposed;

    private KvpHostSimulator(Socket listener, string socketPath, KvpAbi abi, string kernelVersion)
    {
        _listener = listener;
        SocketPath = socketPath;
        Abi = abi;
        KernelVersion = kernelVersion;
        _buffer = ArrayPool<byte>.Shared.Rent(ReceiveBufferSize);
    }

    /// <summary>The path of the listening socket.</summary>
    public string SocketPath { get; }

    /// <summary>The kernel whose side is played: message size, registration opcode, registration reply.</summary>
    public KvpAbi Abi { get; }

    /// <summary>The version string of the Linux registration reply ("3.1" on current kernels, docs/protocol.md 3.1).</summary>
    public string KernelVersion { get; }

    /// <summary>How many registrations have completed since <see cref="Listen"/>.</summary>
    public int Registrations { get; private set; }

    /// <summary>When the last registration datagram arrived (wall clock), or null before the first.</summary>
    public DateTimeOffset? LastRegistrationTime { get; private set; }

    /// <summary>
    /// <see cref="System.Diagnostics.Stopwatch.GetTimestamp"/> when the last registration datagram arrived (0 before the
    /// first); subtract a timestamp taken before starting the daemon to measure its start-up.
    /// </summary>
    public long LastRegistrationTimestamp { get; private set; }

    /// <summary>Whether a registered daemon is connected (until <see cref="DisconnectAsync"/> or a closed connection).</summary>
    public bool IsConnected => _connection is not null;

    /// <summary>
    /// Starts listening on <paramref name="socketPath"/>, replacing a stale socket file left by an earlier run.
    /// </summary>
    /// <param name="socketPath">The socket path; at most 107 bytes (sun_path).</param>
    /// <param name="abi">The kernel to play.</param>
    /// <param name="kernelVersion">The version sent in the Linux registration reply.</param>
    public static KvpHostSimulator Listen(string socketPath, KvpAbi abi, string kernelVersion = "3.1")
    {
        ArgumentException.ThrowIfNullOrEmpty(socketPath);
        // A socket file outlives the process that bound it; bind fails with EADDRINUSE until it is removed.
        if (File.Exists(socketPath))
        {
            File.Delete(socketPath);
        }

        var listener = new Socket(AddressFamily.Unix, SocketType.Seqpacket, ProtocolType.Unspecified);
        try
        {
            listener.Bind(new UnixDomainSocketEndPoint(socketPath));
            listener.Listen(4);
            return new KvpHostSimulator(listener, socketPath, abi, kernelVersion);
        }
        catch
        {
            listener.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Closes the current connection: to the daemon this is a device reset (read or write fails), after which it
    /// reconnects and registers again (<see cref="WaitForRegistrationAsync"/> accepts that).
    /// </summary>
    public Task DisconnectAsync()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        CloseConnection();
        return Task.CompletedTask;
    }

    public ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return ValueTask.CompletedTask;
        }

        _disposed = true;
        CloseConnection();
        _listener.Dispose();
        ArrayPool<byte>.Shared.Return(_buffer);
        try
        {
            File.Delete(SocketPath);
        }
        catch (IOException)
        {
            // Best effort: a leftover socket file is replaced by the next Listen.
        }
        catch (UnauthorizedAccessException)
        {
            // Same as above.
        }

        return ValueTask.CompletedTask;
    }

    private void CloseConnection()
    {
        var connection = _connection;
        _connection = null;
        if (connection is null)
        {
            return;
        }

        try
        {
            connection.Shutdown(SocketShutdown.Both);
        }
        catch (SocketException)
        {
            // The peer may already be gone; closing is all that matters.
        }

        connection.Dispose();
    }

    /// <summary>Enforces one operation at a time; the returned scope ends it.</summary>
    private BusyScope Enter()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (Interlocked.Exchange(ref _busy, 1) != 0)
        {
            throw new InvalidOperationException("The simulator runs one operation at a time, like the kernel.");
        }

        return new BusyScope(this);
    }

    private Socket RequireConnection() =>
        _connection ?? throw new InvalidOperationException(
            "No daemon is connected: call WaitForRegistrationAsync first (and again after a disconnect).");

    private readonly struct BusyScope(KvpHostSimulator owner) : IDisposable
    {
        public void Dispose() => Volatile.Write(ref owner._busy, 0);
    }
}
