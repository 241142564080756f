// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

using KvpDaemon.Platform;
using KvpDaemon.Protocol;
using Microsoft.Extensions.Logging;

namespace KvpDaemon.Pools;

/// <summary>
/// The five pool files <c>.kvp_pool_0</c> to <c>.kvp_pool_4</c> in one directory (docs/protocol.md 1.9 and section 7).
/// <see cref="Open"/> creates the directory and all five files, including pool 2 whose content nobody reads, as the
/// reference daemons and LISA expect; it never truncates or rewrites what is there (cloud-init may have written pool 1
/// first, and the host will not resend pool 0 in the same boot).
/// </summary>
internal sealed partial class KvpPoolStore : IDisposable
{
    private readonly KvpPoolFile[] _pools;
    private readonly KvpDialect _dialect;
    private readonly bool _readOnly;
    private bool _opened;
    private readonly ILogger _logger;

    /// <param name="directory">The pool directory.</param>
    /// <param name="dialect">The OS's calls and default modes.</param>
    /// <param name="logger">Where file events go.</param>
    /// <param name="fileMode">The mode of pool files this creates; null for the OS default.</param>
    /// <param name="readOnly">Read without write permission (shared locks); creates nothing, refuses writes.</param>
    /// <param name="trustRoot">Accept pool files owned by root as well as by this process's user (hvkvp).</param>
    public KvpPoolStore(string directory, KvpDialect dialect, ILogger logger, UnixFileMode? fileMode = null, bool readOnly = false, bool trustRoot = false)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        Directory = directory;
        _dialect = dialect;
        _readOnly = readOnly;
        _logger = logger;
        var mode = fileMode ?? dialect.PoolFileMode;
        _pools = new KvpPoolFile[KvpPools.KVP_POOL_COUNT];
        for (byte pool = 0; pool < _pools.Length; pool++)
        {
            _pools[pool] = new KvpPoolFile(pool, System.IO.Path.Combine(directory, FileName(pool)), dialect, mode, logger, readOnly, trustRoot);
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
    /// Creates the directory with exactly the OS's mode if needed, or checks the existing one, then opens or creates the
    /// five files. A pool file that is refused (a link, another user's) is logged and left alone: the other pools still
    /// serve, and requests for that pool are answered HV_E_FAIL. A read-only store opens each file at its first use
    /// instead, and creates nothing.
    /// </summary>
    /// <exception cref="PoolFileRefusedException">The directory is not a directory, not this user's, or writable by
    /// group or others: whoever can write it can replace the pool files (docs/reliability.md).</exception>
    public void Open()
    {
        if (_readOnly || _opened)
        {
            return;
        }

        PoolDirectory.CreateOrCheck(Directory, _dialect);
        foreach (var pool in _pools)
        {
            try
            {
                pool.Open();
            }
            catch (PoolFileRefusedException exception)
            {
                Log.PoolFileSkipped(_logger, pool.Pool, exception.Message);
            }
        }

        _opened = true;
    }

    public void Dispose()
    {
        foreach (var pool in _pools)
        {
            pool.Dispose();
        }
    }
}
