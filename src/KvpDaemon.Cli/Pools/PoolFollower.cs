// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

using KvpDaemon.Pools;
using KvpDaemon.Protocol;

namespace KvpDaemon.Cli.Pools;

/// <summary>
/// Follows one pool as writers change it, for watch and wait: arms a <see cref="PoolChangeSignal"/> first and reads
/// the pool second, so no change can fall between the two; then re-reads under the store's locks on every signal.
/// A pool file that does not exist yet reads as empty (at boot the daemon may not have created it). Owns the signal.
/// </summary>
internal sealed class PoolFollower : IDisposable
{
    private readonly PoolAccess _pools;
    private readonly KvpPool _pool;
    private readonly TextWriter _error;
    private readonly Action? _started;
    private PoolChangeSignal? _signal;

    /// <param name="pools">The pool files, owned by the caller.</param>
    /// <param name="pool">The pool to follow.</param>
    /// <param name="error">Where watcher warnings go.</param>
    /// <param name="started">Called once the signal is armed and the pool read: a test seam, null in production.</param>
    public PoolFollower(PoolAccess pools, KvpPool pool, TextWriter error, Action? started)
    {
        _pools = pools;
        _pool = pool;
        _error = error;
        _started = started;
    }

    /// <summary>Arms the signal and returns the pool's records now.</summary>
    public IReadOnlyList<KvpRecord> Start()
    {
        _pools.RequireDirectory();
        _signal = new PoolChangeSignal(_pools.Directory, KvpPoolStore.FileName((byte)_pool), _error);
        var records = Read();
        _started?.Invoke();
        return records;
    }

    /// <summary>Waits for a possible change, then returns the pool's records (perhaps unchanged).</summary>
    public async Task<IReadOnlyList<KvpRecord>> NextAsync(CancellationToken cancellationToken)
    {
        var signal = _signal ?? throw new InvalidOperationException("Start the follower first.");
        await signal.WaitAsync(cancellationToken).ConfigureAwait(false);
        return Read();
    }

    public void Dispose() => _signal?.Dispose();

    private IReadOnlyList<KvpRecord> Read() => _pools.TryRead(_pool) ?? [];
}
