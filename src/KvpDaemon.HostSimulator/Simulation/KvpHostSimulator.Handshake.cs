// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

using System.Diagnostics;
using System.Net.Sockets;
using KvpDaemon.Protocol;

namespace KvpDaemon.HostSimulator.Simulation;

internal sealed partial class KvpHostSimulator
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(50);

    /// <summary>
    /// Accepts the next connection and performs the ABI's registration handshake: the daemon's first datagram must be
    /// the registration (docs/protocol.md 3.1 step 2, 3.3); the Linux kernel answers it with the version string, FreeBSD
    /// sends nothing. A connection that is still open is closed first: the daemon has given up on it if it reconnected.
    /// </summary>
    /// <exception cref="KvpSimulatorException">The first datagram is not a registration of this ABI.</exception>
    public async Task WaitForRegistrationAsync(CancellationToken cancellationToken)
    {
        using var scope = Enter();
        CloseConnection();
        var (connection, datagram, length, timestamp) = await Task.Factory.StartNew(
            () => AcceptRegistration(cancellationToken),
            cancellationToken,
            TaskCreationOptions.LongRunning,
            TaskScheduler.Default).ConfigureAwait(false);
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            datagram.AsSpan(0, length).CopyTo(_buffer);
            var message = _buffer.AsSpan(0, length);
            if (length != Abi.MessageSize || !KvpCodec.IsRegistration(Abi, message))
            {
                throw new KvpSimulatorException(
                    $"Expected the {Abi.Name} registration ({Abi.MessageSize} bytes, op {Abi.RegisterOperation}); " +
                    $"received {length} bytes with op {(length > 0 ? message[0] : -1)}.");
            }

            if (Abi.ExpectsRegistrationReply)
            {
                KvpCodec.EncodeRegistrationReply(Abi, KernelVersion, _buffer.AsSpan(0, Abi.MessageSize));
                await SendAsync(connection, _buffer.AsMemory(0, Abi.MessageSize), cancellationToken).ConfigureAwait(false);
            }

            _connection = connection;
            Registrations++;
            LastRegistrationTimestamp = timestamp;
            LastRegistrationTime = DateTimeOffset.UtcNow;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Accepts the daemon's connection and receives its first datagram, blocking on a thread of its own, and notes the
    /// time it arrived. Blocking, because the start-to-registration figure ends here: an async receive would take the
    /// time when the thread pool runs the continuation, which on two cores busy with a starting daemon came 0-30 ms
    /// late. poll(2) wakes as soon as the connection or the datagram is there; the interval only bounds cancellation
    /// and disposal. The datagram goes into an array of its own: the shared buffer returns to its pool on disposal.
    /// </summary>
    private (Socket Connection, byte[] Datagram, int Length, long Timestamp) AcceptRegistration(CancellationToken cancellationToken)
    {
        var pollMicroseconds = (int)(PollInterval.Ticks / TimeSpan.TicksPerMicrosecond);
        while (!_listener.Poll(pollMicroseconds, SelectMode.SelectRead))
        {
            cancellationToken.ThrowIfCancellationRequested();
            ObjectDisposedException.ThrowIf(_disposed, this);
        }

        var connection = _listener.Accept();
        try
        {
            while (!connection.Poll(pollMicroseconds, SelectMode.SelectRead))
            {
                cancellationToken.ThrowIfCancellationRequested();
                ObjectDisposedException.ThrowIf(_disposed, this);
            }

            var datagram = new byte[ReceiveBufferSize];
            var length = connection.Receive(datagram, 0, datagram.Length, SocketFlags.None);
            var timestamp = Stopwatch.GetTimestamp();
            return length > 0
                ? (connection, datagram, length, timestamp)
                : throw new KvpSimulatorException("The daemon closed the connection while the simulator waited for the registration.");
        }
        catch (SocketException e)
        {
            connection.Dispose();
            throw new KvpSimulatorException($"The connection failed while waiting for the registration: {e.Message}", e);
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    /// <summary>Receives one datagram into the buffer; a closed connection is an error, never a 0-byte message.</summary>
    private async Task<int> ReceiveAsync(Socket connection, string expected, CancellationToken cancellationToken)
    {
        int length;
        try
        {
            length = await connection.ReceiveAsync(_buffer.AsMemory(0, ReceiveBufferSize), SocketFlags.None, cancellationToken)
                .ConfigureAwait(false);
        }
        catch (SocketException e)
        {
            Abandon(connection);
            throw new KvpSimulatorException($"The connection failed while waiting for {expected}: {e.Message}", e);
        }
        catch (OperationCanceledException)
        {
            Abandon(connection);
            throw;
        }

        // SOCK_SEQPACKET reports an orderly close as a 0-byte read; the daemon never sends an empty datagram.
        if (length == 0)
        {
            Abandon(connection);
            throw new KvpSimulatorException($"The daemon closed the connection while the simulator waited for {expected}.");
        }

        return length;
    }

    private async Task SendAsync(Socket connection, ReadOnlyMemory<byte> datagram, CancellationToken cancellationToken)
    {
        int sent;
        try
        {
            sent = await connection.SendAsync(datagram, SocketFlags.None, cancellationToken).ConfigureAwait(false);
        }
        catch (SocketException e)
        {
            Abandon(connection);
            throw new KvpSimulatorException($"Sending a {datagram.Length}-byte datagram failed: {e.Message}", e);
        }
        catch (OperationCanceledException)
        {
            Abandon(connection);
            throw;
        }

        if (sent != datagram.Length)
        {
            Abandon(connection);
            throw new KvpSimulatorException($"Sent {sent} of {datagram.Length} bytes of a datagram.");
        }
    }

    /// <summary>
    /// Drops the current connection after a failed or cancelled exchange: a reply still owed would otherwise be read as
    /// the answer to the next request. The daemon sees a device reset and registers again.
    /// </summary>
    private void Abandon(Socket connection)
    {
        if (ReferenceEquals(connection, _connection))
        {
            CloseConnection();
        }
    }
}
