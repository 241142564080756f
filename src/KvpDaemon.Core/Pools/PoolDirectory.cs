// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

using KvpDaemon.Platform;

namespace KvpDaemon.Pools;

/// <summary>
/// The pool directory's own checks (docs/reliability.md, "Hostile local users, helpers and servers"): whoever may write the directory
/// may replace or link any pool file in it, so it must be a real directory, the daemon user's, and not writable by
/// group or others.
/// </summary>
internal static class PoolDirectory
{
    private const UnixFileMode GroupOrOtherWrite = UnixFileMode.GroupWrite | UnixFileMode.OtherWrite;

    /// <summary>
    /// Creates <paramref name="path"/> with exactly the dialect's mode (mkdir, then chmod: mkdir's mode is masked by the
    /// umask), or checks the directory that is there.
    /// </summary>
    /// <exception cref="PoolFileRefusedException">What is there is not acceptable.</exception>
    public static void CreateOrCheck(string path, KvpDialect dialect)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (dialect.FactsOfPath(path) is null)
        {
            Directory.CreateDirectory(path, dialect.PoolDirectoryMode);
            File.SetUnixFileMode(path, dialect.PoolDirectoryMode);
        }

        var facts = dialect.FactsOfPath(path) ?? throw new IOException($"pool directory {path} vanished after it was created.");
        if (Problem(facts, dialect.EffectiveUserId) is { } problem)
        {
            throw new PoolFileRefusedException($"refused pool directory {path}: {problem}");
        }
    }

    /// <summary>Why a pool directory with <paramref name="facts"/> is not to be used by <paramref name="user"/>, or null.</summary>
    public static string? Problem(FileFacts facts, uint user)
    {
        if (facts.Type != FileFacts.Directory)
        {
            return $"it is {facts.Describe()}, not a directory";
        }

        if (facts.Owner != user)
        {
            return $"it is owned by user {facts.Owner}, not {user}";
        }

        return (facts.Permissions & GroupOrOtherWrite) != 0
            ? $"its mode {Convert.ToString((int)facts.Permissions, 8)} lets group or others write it (chmod go-w)"
            : null;
    }
}
