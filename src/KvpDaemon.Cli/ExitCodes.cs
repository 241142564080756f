// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

namespace KvpDaemon.Cli;

/// <summary>
/// The exit status of every hvkvp command, documented in hvkvp(1) and <c>hvkvp --help</c>. Scripts depend on these
/// values: never renumber them.
/// </summary>
internal static class ExitCodes
{
    /// <summary>The command did what it was asked (watch: also when stopped by SIGINT or SIGTERM).</summary>
    public const int Success = 0;

    /// <summary>get or delete: the pool holds no record with that key.</summary>
    public const int NotFound = 1;

    /// <summary>A usage error: unknown option, bad pool name, key or value too long, a pool that cannot be used so.</summary>
    public const int Usage = 2;

    /// <summary>An I/O or permission error on the pool directory or a pool file, or either is missing.</summary>
    public const int IoError = 3;

    /// <summary>wait: the key did not appear before the timeout.</summary>
    public const int Timeout = 4;

    /// <summary>An unexpected failure inside hvkvp: a bug (EX_SOFTWARE of sysexits(3)).</summary>
    public const int InternalError = 70;

    /// <summary>wait: stopped by SIGINT or SIGTERM before the key appeared (the shell's 128 + SIGINT).</summary>
    public const int Interrupted = 130;
}
