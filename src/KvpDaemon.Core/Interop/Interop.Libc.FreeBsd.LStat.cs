// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

using System.Runtime.InteropServices;

internal static partial class Interop
{
    internal static partial class Libc
    {
        internal static partial class FreeBsd
        {
            /// <summary>
            /// <c>int lstat(const char *path, struct stat *sb)</c>: like <see cref="FStat"/> on a path, but describes a symbolic link
            /// itself, so that a link planted at a pool path is seen as a link (the default FBSD_1.5 symbol, the
            /// 64-bit-inode <see cref="FreeBsdStat"/> layout). Returns 0, or -1 with errno.
            /// </summary>
            [LibraryImport(LibraryName, EntryPoint = "lstat", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
            public static partial int LStat(string path, out FreeBsdStat buffer);
        }
    }
}
