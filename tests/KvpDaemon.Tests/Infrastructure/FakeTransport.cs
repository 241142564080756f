// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

using System.Threading.Channels;
using KvpDaemon.Transport;

namespace KvpDaemon.Tests.Infrastructure;

/// <summary>
/// An in-memory kernel for channel tests: the test queues what the daemon will read and awaits what it writes.
/// Failures are queued too, so every test is deterministic.
/// </summary>
internal sealed class FakeTransport : IKvpTransport
{
    private readonly Channel<object> _toDaemon = Channel.CreateUnbounded<object>();
    private readonly Channel<byte[]> _fromDaemon = Channel.CreateUnbounded<byte[]>();
    private int _openFailures;

    public string Description => "fake";

    public int Opens { get; private set; }

    public bool IsOpen { get; private set; }

    /// <summary>The size of the buffer the daemon last read into.</summary>
    public int LastReadBufferLength { get; private set; }

    /// <summary>The next <paramref name="count"/> opens fail.</summary>
    public void FailOpens(int count) => _openFailures = count;

    /// <summary>The daemon's next read returns these bytes.</summary>
    public void Send(byte[] message) => _toDaemon.Writer.TryWrite(message);

    /// <summary>The daemon's next read fails, as a device read error or a closed simulator connection would.</summary>
    public void Break() => _toDaemon.Writer.TryWrite(new IOException("broken by the test"));

    /// <summary>The next message the daemon writes.</summary>
    public async Task<byte[]> ReceiveAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        return await _fromDaemon.Reader.ReadAsync(timeout.Token);
    }

    public ValueTask OpenAsync(CancellationToken cancellationToken)
    {
        Opens++;
        if (_openFailures > 0)
        {
            _openFailures--;
            throw new IOException("open failed by the test");
        }

        IsOpen = true;
        return ValueTask.CompletedTask;
    }

    public async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken)
    {
        LastReadBufferLength = buffer.Length;
        var next = await _toDaemon.Reader.ReadAsync(cancellationToken);
        if (next is Exception exception)
        {
            throw exception;
        }

        var message = (byte[])next;
        // Like the socket transport: a longer message is cut to the buffer and its full length reported.
        message.AsSpan(0, Math.Min(message.Length, buffer.Length)).CopyTo(buffer.Span);
        return message.Length;
    }

    public ValueTask WriteAsync(ReadOnlyMemory<byte> message, CancellationToken cancellationToken)
    {
        _fromDaemon.Writer.TryWrite(message.ToArray());
        return ValueTask.CompletedTask;
    }

    public void Close() => IsOpen = false;

    public void Dispose() => Close();
}
