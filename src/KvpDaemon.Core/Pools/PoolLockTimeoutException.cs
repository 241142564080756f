// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

namespace KvpDaemon.Pools;

/// <summary>
/// Another process held a pool file's lock for longer than the pool store waits (docs/reliability.md,
/// "Hostile local users, helpers and servers"). An <see cref="IOException"/>, so the daemon answers HV_E_FAIL and hvkvp exits with its I/O status.
/// </summary>
internal sealed class PoolLockTimeoutException : IOException
{
    public PoolLockTimeoutException()
    {
    }

    public PoolLockTimeoutException(string message)
        : base(message)
    {
    }

    public PoolLockTimeoutException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
