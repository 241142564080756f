// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

using System.Text;

namespace KvpDaemon.HostSimulator.Daemon;

/// <summary>
/// The last <see cref="Capacity"/> lines a child process wrote, kept in memory to be dumped when something fails.
/// Older lines are dropped and counted, so a chatty daemon cannot exhaust memory. Thread-safe: stdout and stderr
/// callbacks append concurrently.
/// </summary>
internal sealed class BoundedLog
{
    private readonly Queue<string> _lines = new();
    private readonly Lock _lock = new();
    private long _dropped;

    public BoundedLog(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(capacity);
        Capacity = capacity;
    }

    public int Capacity { get; }

    /// <summary>How many lines were dropped to stay within <see cref="Capacity"/>.</summary>
    public long Dropped
    {
        get
        {
            lock (_lock)
            {
                return _dropped;
            }
        }
    }

    public void Append(string line)
    {
        lock (_lock)
        {
            if (_lines.Count == Capacity)
            {
                _lines.Dequeue();
                _dropped++;
            }

            _lines.Enqueue(line);
        }
    }

    /// <summary>The kept lines, oldest first.</summary>
    public IReadOnlyList<string> Snapshot()
    {
        lock (_lock)
        {
            return _lines.ToArray();
        }
    }

    /// <summary>The kept lines as one text, preceded by a note of how many earlier lines were dropped.</summary>
    public override string ToString()
    {
        lock (_lock)
        {
            var text = new StringBuilder();
            if (_dropped > 0)
            {
                text.Append("... ").Append(_dropped).AppendLine(" earlier lines dropped ...");
            }

            foreach (var line in _lines)
            {
                text.AppendLine(line);
            }

            return text.ToString();
        }
    }
}
