// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

using System.Text;
using System.Threading.Channels;

namespace KvpDaemon.Tests.Cli;

/// <summary>
/// A thread-safe writer that hands each written line to the test as it is written, so a test can wait for a line
/// (with a generous timeout as failure guard) instead of sleeping.
/// </summary>
internal sealed class LineWriter : TextWriter
{
    private static readonly TimeSpan Guard = TimeSpan.FromSeconds(30);

    private readonly Channel<string> _lines = Channel.CreateUnbounded<string>();
    private readonly StringBuilder _pending = new();
    private readonly StringBuilder _all = new();
    private readonly Lock _lock = new();

    public override Encoding Encoding => Encoding.UTF8;

    public override void Write(char value)
    {
        lock (_lock)
        {
            _all.Append(value);
            if (value == '\n')
            {
                _lines.Writer.TryWrite(_pending.ToString());
                _pending.Clear();
            }
            else
            {
                _pending.Append(value);
            }
        }
    }

    public override void Write(string? value)
    {
        foreach (var c in value ?? string.Empty)
        {
            Write(c);
        }
    }

    public override void WriteLine(string? value) => Write(value + "\n");

    public override Task WriteLineAsync(string? value)
    {
        WriteLine(value);
        return Task.CompletedTask;
    }

    /// <summary>Everything written so far.</summary>
    public override string ToString()
    {
        lock (_lock)
        {
            return _all.ToString();
        }
    }

    /// <summary>The next complete line; fails the test if none comes within the guard time.</summary>
    public async Task<string> NextLineAsync()
    {
        using var guard = new CancellationTokenSource(Guard);
        try
        {
            return await _lines.Reader.ReadAsync(guard.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"No line within {Guard}; written so far: '{this}'.");
        }
    }
}
