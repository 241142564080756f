// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

using KvpDaemon.Platform;
using KvpDaemon.Protocol;
using Microsoft.Extensions.Logging;

namespace KvpDaemon.Pools;

/// <summary>
/// The five pool files <c>.kvp_pool_0</c> to <c>.kvp_pool_4</c> in one directory (protocol.md 1.9 and section 7).
/// <see cref="Open"/> creates the directory and all five files, including pool 2 whose content nobody reads, as the
/// reference daemons and LISA expect; it never truncates or rewrites what is there (cloud-init may have written pool 1
/// first, and the host will not resend pool 0 in the same boot).
/// </summary>
internal sealed class KvpPoolStore : IDisposable
{
    private readonly KvpPoolFile[] _pools;
    private readonly KvpDialect _dialect;
    private readonly bool _readOnly;

    /// <param name="directory">The pool directory.</param>
    /// <param name="dialect">The OS's calls and default modes.</param>
    /// <param name="logger">Where file events go.</param>
    /// <param name="fileMode">The mode of pool files this creates; null for the OS default.</param>
    /// <param name="readOnly">Read without write permission (shared locks); creates nothing, refuses writes.</param>
    public KvpPoolStore(string directory, KvpDialect dialect, ILogger logger, UnixFileMode? fileMode = null, bool readOnly = false)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        ArgumentNullException.ThrowIfNull(dialect);
        Directory = directory;
        _dialect = dialect;
        _readOnly = readOnly;
        var mode = fileMode ?? dialect.PoolFileMode;
        _pools = new KvpPoolFile[KvpPools.KVP_POOL_COUNT];
        for (byte pool = 0; pool < _pools.Length; pool++)
        {
            _pools[pool] = new KvpPoolFile(pool, System.IO.Path.Combine(directory, FileName(pool)), dialect, mode, logger, readOnly);
        }
    }

    public string Directory { get; }

    /// <summary>The pool file for <paramref name="pool"/> (0 to 4).</summary>
    public KvpPoolFile this[byte pool]
    {
        get
        {
            if (!KvpPools.IsValid(pool))
            {
                ThrowHelper.ThrowInvalidPool(pool);
            }

            return _pools[pool];
        }
    }

    /// <summary>The file name of a pool: <c>.kvp_pool_N</c>.</summary>
    public static string FileName(byte pool) => $".kvp_pool_{pool}";

    /// <summary>
    /// Creates the directory (with the OS's mode) if needed, then opens or creates the five files. A read-only store
    /// opens each file at its first use instead, and creates nothing.
    /// </summary>
    public void Open()
    {
        if (_readOnly)
        {
            return;
        }

        if (!System.IO.Directory.Exists(Directory))
        {
            System.IO.Directory.CreateDirectory(Directory, _dialect.PoolDirectoryMode);
        }

        foreach (var pool in _pools)
        {
            pool.Open();
        }
    }

    public void Dispose()
    {
        foreach (var pool in _pools)
        {
            pool.Dispose();
        }
    }
}
