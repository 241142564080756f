// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

using System.Buffers.Binary;
using KvpDaemon.Protocol;
using KvpDaemon.Transport;

namespace KvpDaemon.Tests.Transport;

/// <summary>
/// A kernel that hands the daemon prepared messages in turn, <see cref="Limit"/> times, then ends the loop: every read and
/// write completes synchronously and allocates nothing, so that whatever the request loop allocates is the daemon's
/// own. Each reply's status is compared with the one expected for its message; mismatches are counted, not thrown.
/// </summary>
internal sealed class ReplayTransport(byte[][] messages, HvStatus[] expected) : IKvpTransport
{
    private int _read;
    private int _written;

    public string Description => "replay";

    /// <summary>How many messages are served before the transport cancels the loop.</summary>
    public int Limit { get; set; }

    /// <summary>Replies whose status was not the expected one.</summary>
    public int WrongReplies { get; private set; }

    public int Replies => _written;

    /// <summary>Starts the sequence again from the first message.</summary>
    public void Reset(int limit)
    {
        Limit = limit;
        _read = 0;
        _written = 0;
        WrongReplies = 0;
    }

    public ValueTask OpenAsync(CancellationToken cancellationToken) => ValueTask.CompletedTask;

    public ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken)
    {
        if (_read == Limit)
        {
            // Ends the loop the way SIGTERM does.
            throw new OperationCanceledException("the test's requests are served");
        }

        var message = messages[_read++ % messages.Length];
        message.CopyTo(buffer.Span);
        return ValueTask.FromResult(message.Length);
    }

    public ValueTask WriteAsync(ReadOnlyMemory<byte> message, CancellationToken cancellationToken)
    {
        var status = (HvStatus)BinaryPrimitives.ReadUInt32LittleEndian(message.Span[KvpWireLayout.Error..]);
        if (status != expected[_written++ % expected.Length])
        {
            WrongReplies++;
        }

        return ValueTask.CompletedTask;
    }

    public void Close()
    {
    }

    public void Dispose()
    {
    }
}
