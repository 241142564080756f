// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

namespace KvpDaemon.Pools;

/// <summary>
/// A pool file or directory that is not what the daemon created: a symbolic link, a hard link, a special file, another
/// user's, or writable by others (docs/reliability.md, "Hostile local users, helpers and servers"). Nothing is read from or written
/// through it. An <see cref="IOException"/>, so the daemon answers HV_E_FAIL and hvkvp exits with its I/O status.
/// </summary>
internal sealed class PoolFileRefusedException : IOException
{
    public PoolFileRefusedException()
    {
    }

    public PoolFileRefusedException(string message)
        : base(message)
    {
    }

    public PoolFileRefusedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
