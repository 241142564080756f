// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

using KvpDaemon.Platform;
using KvpDaemon.Pools;
using KvpDaemon.Protocol;
using Microsoft.Win32.SafeHandles;

namespace KvpDaemon.HostSimulator.Demo;

/// <summary>
/// Appends a record to a pool file the way cloud-init publishes Azure telemetry into <c>.kvp_pool_1</c> (docs/protocol.md 7,
/// "External writers"): one 2560-byte record, the key in 512 bytes and the value in 2048, NUL-padded, appended under
/// <c>flock(LOCK_EX)</c>, not the daemon's fcntl lock.
/// </summary>
internal static class PoolRecordAppender
{
    /// <summary>The record bytes: UTF-8 key and value, each NUL-terminated and NUL-padded to its field (<see cref="KvpRecord"/>).</summary>
    /// <exception cref="ArgumentException">The key or the value does not fit its field with its terminator.</exception>
    public static byte[] EncodeRecord(string key, string value)
    {
        var record = new KvpRecord(KvpText.FromString(key), KvpText.FromString(value));
        KvpRecord.Validate(record.Key, record.Value);
        var bytes = new byte[KvpRecord.Size];
        record.Write(bytes);
        return bytes;
    }

    /// <summary>Appends one record to <paramref name="poolFile"/> (created if missing) under flock(LOCK_EX).</summary>
    public static void Append(string poolFile, string key, string value)
    {
        var record = EncodeRecord(key, value);

        // FileShare.ReadWrite: the daemon keeps its own descriptors open on the file; .NET's own advisory flock is
        // shared then, and our LOCK_EX below converts it on the same open file description.
        using var handle = File.OpenHandle(poolFile, FileMode.OpenOrCreate, FileAccess.Write, FileShare.ReadWrite);
        Lock(handle, exclusive: true);
        try
        {
            // Under the lock the end of the file is stable for every flock user: write exactly there.
            RandomAccess.Write(handle, record, RandomAccess.GetLength(handle));
        }
        finally
        {
            Lock(handle, exclusive: false);
        }
    }

    /// <summary>flock(2) through the platform dialect, the lock cloud-init appends under.</summary>
    private static void Lock(SafeFileHandle handle, bool exclusive)
    {
        var dialect = KvpDialect.ForCurrentOperatingSystem();
        if (exclusive)
        {
            dialect.LockWriters(handle);
        }
        else
        {
            dialect.UnlockWriters(handle);
        }
    }
}
