// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

namespace KvpDaemon.Platform;

/// <summary>
/// What the pool store checks before it trusts a pool file or directory (docs/reliability.md,
/// "Hostile local users, helpers and servers"): the file type from <c>st_mode</c>, the link count, the owner and the permission bits.
/// </summary>
/// <param name="Type">The <c>S_IFMT</c> bits of <c>st_mode</c>: the same values on Linux and FreeBSD.</param>
/// <param name="Links">The hard-link count, <c>st_nlink</c>.</param>
/// <param name="Owner">The owning user, <c>st_uid</c>.</param>
/// <param name="Permissions">The permission bits of <c>st_mode</c>.</param>
internal readonly record struct FileFacts(int Type, ulong Links, uint Owner, UnixFileMode Permissions)
{
    /// <summary><c>S_IFMT</c>, <c>S_IFDIR</c>, <c>S_IFREG</c>, <c>S_IFLNK</c>: Linux (bits/stat.h) and FreeBSD (sys/stat.h) agree.</summary>
    public const int TypeMask = 0xF000;
    public const int Directory = 0x4000;
    public const int RegularFile = 0x8000;
    public const int SymbolicLink = 0xA000;

    public static FileFacts FromMode(int mode, ulong links, uint owner) =>
        new(mode & TypeMask, links, owner, (UnixFileMode)(mode & 0xFFF));

    /// <summary>The kind of file, for a refusal message.</summary>
    public string Describe() => Type switch
    {
        Directory => "a directory",
        RegularFile => "a regular file",
        SymbolicLink => "a symbolic link",
        _ => $"a special file (type 0{Convert.ToString(Type >> 12, 8)})",
    };
}
