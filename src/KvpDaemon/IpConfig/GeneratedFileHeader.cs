// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

namespace KvpDaemon.IpConfig;

/// <summary>The comment line on top of every file the native backends write, so an administrator knows its origin.</summary>
internal static class GeneratedFileHeader
{
    public const string Text = "# Written by hypervkvpd: Hyper-V IP injection (KVP SET_IP_INFO). Replaced on the next injection.";

    public const UnixFileMode Mode0600 = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    public const UnixFileMode Mode0644 = Mode0600 | UnixFileMode.GroupRead | UnixFileMode.OtherRead;
}
