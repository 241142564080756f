// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

using System.Runtime.InteropServices;

internal static partial class Interop
{
    internal static partial class Libc
    {
        internal static partial class FreeBsd
        {
            /// <summary><c>struct utsname</c> field size in the current ABI (sys/utsname.h <c>SYS_NMLN</c>).</summary>
            public const int SYS_NMLN = 256;

            /// <summary>The five <c>struct utsname</c> fields: sysname, nodename, release, version, machine.</summary>
            public const int UtsnameFieldCount = 5;

            /// <summary>
            /// <c>int __xuname(int namesize, void *namebuf)</c>: fills five consecutive NUL-terminated fields of
            /// <paramref name="nameSize"/> bytes each. Returns 0, or -1 with errno. FreeBSD's sys/utsname.h makes
            /// <c>uname()</c> an inline wrapper, <c>__xuname(SYS_NMLN, name)</c>; the exported <c>uname</c> symbol is the
            /// old compatibility entry that writes 32-byte fields, so binding it with a 256-byte layout would read garbage.
            /// </summary>
            [LibraryImport(LibraryName, EntryPoint = "__xuname", SetLastError = true)]
            public static partial int XUname(int nameSize, Span<byte> nameBuffer);
        }
    }
}
