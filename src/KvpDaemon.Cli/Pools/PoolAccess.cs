// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

using KvpDaemon.Platform;
using KvpDaemon.Pools;
using KvpDaemon.Protocol;
using Microsoft.Extensions.Logging.Abstractions;

namespace KvpDaemon.Cli.Pools;

/// <summary>
/// The pool files of one directory as one hvkvp command uses them, through the daemon's own
/// <see cref="KvpPoolStore"/>: the same fcntl and flock locks, the same 2560-byte records (docs/protocol.md section 7).
/// Owns the store, and so one descriptor per pool file it touched, until disposed.
/// </summary>
/// <remarks>
/// hvkvp never creates the pool directory: that is the daemon's, with its owner and mode (docs/protocol.md 1.9), and a
/// missing directory means the daemon has not run. Reading never creates a pool file either; <see cref="Set"/> creates
/// a missing one with the daemon's mode (<see cref="KvpDialect.PoolFileMode"/>), as the daemon would at start.
/// </remarks>
internal sealed class PoolAccess : IDisposable
{
    private readonly KvpPoolStore _reader;
    private readonly Lazy<KvpPoolStore> _writer;

    public PoolAccess(string directory, KvpDialect dialect)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        // Reads open the files read-only with shared locks, so any user who may read a pool file can list it; only
        // set and delete need write permission (root, with the daemon's default modes).
        _reader = new KvpPoolStore(directory, dialect, NullLogger.Instance, readOnly: true, trustRoot: true);
        _writer = new Lazy<KvpPoolStore>(() => new KvpPoolStore(directory, dialect, NullLogger.Instance, trustRoot: true));
    }

    public string Directory => _reader.Directory;

    /// <summary>The path of the pool's file.</summary>
    public string PathOf(KvpPool pool) => Path.Combine(Directory, KvpPoolStore.FileName((byte)pool));

    /// <summary>An I/O error (exit 3) when the pool directory does not exist or is not a directory.</summary>
    public void RequireDirectory()
    {
        if (System.IO.Directory.Exists(Directory))
        {
            return;
        }

        throw new HvkvpException(
            ExitCodes.IoError,
            File.Exists(Directory)
                ? $"{Directory} is not a directory; pass the pool directory with --pool-dir or HVKVP_POOL_DIR."
                : $"pool directory {Directory} does not exist; hypervkvpd creates it when it starts (is it installed " +
                  "and running?), or pass another directory with --pool-dir or HVKVP_POOL_DIR.");
    }

    /// <summary>Every record of the pool, in file order; an I/O error (exit 3) when the directory or file is missing.</summary>
    public IReadOnlyList<KvpRecord> Read(KvpPool pool) =>
        TryRead(pool) ?? throw new HvkvpException(
            ExitCodes.IoError,
            $"pool file {PathOf(pool)} does not exist; hypervkvpd creates the five pool files when it starts.");

    /// <summary>Every record of the pool, or null when its file does not exist yet (watch and wait expect that at boot).</summary>
    public IReadOnlyList<KvpRecord>? TryRead(KvpPool pool)
    {
        RequireDirectory();
        return File.Exists(PathOf(pool)) ? _reader[(byte)pool].ReadAll() : null;
    }

    /// <summary>The value of the first record with <paramref name="key"/> (the daemon's rule for duplicates).</summary>
    public KvpText? Get(KvpPool pool, KvpText key)
    {
        foreach (var record in Read(pool))
        {
            if (record.Key == key)
            {
                return record.Value;
            }
        }

        return null;
    }

    /// <summary>Stores the key, creating a missing pool file. True when a record was added, false when one was changed.</summary>
    public bool Set(KvpPool pool, KvpText key, KvpText value)
    {
        RequireDirectory();
        return _writer.Value[(byte)pool].Set(key, value);
    }

    /// <summary>Deletes the first record with the key; false when there is none. A missing file is an I/O error.</summary>
    public bool Delete(KvpPool pool, KvpText key)
    {
        _ = Read(pool);
        return _writer.Value[(byte)pool].Delete(key);
    }

    public void Dispose()
    {
        _reader.Dispose();
        if (_writer.IsValueCreated)
        {
            _writer.Value.Dispose();
        }
    }
}
