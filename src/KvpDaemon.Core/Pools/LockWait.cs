// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

using System.Diagnostics;

namespace KvpDaemon.Pools;

/// <summary>
/// One operation's budget for waiting on pool-file locks: every lock it takes shares the same deadline, so an
/// operation that needs flock and fcntl still ends within <see cref="Timeout"/>.
/// </summary>
internal readonly struct LockWait
{
    private readonly long _started;

    public LockWait(TimeSpan timeout, CancellationToken cancellationToken)
    {
        Timeout = timeout;
        CancellationToken = cancellationToken;
        _started = Stopwatch.GetTimestamp();
    }

    public TimeSpan Timeout { get; }

    public CancellationToken CancellationToken { get; }

    public TimeSpan Remaining => Timeout - Stopwatch.GetElapsedTime(_started);
}
