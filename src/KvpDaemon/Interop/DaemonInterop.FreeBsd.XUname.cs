// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

using System.Runtime.InteropServices;

/// <summary>
/// Direct libc imports of the daemon assembly, one native function per file. KvpDaemon.Core's global
/// <c>Interop.Libc</c> is visible here through InternalsVisibleTo, and a type of the same name in this assembly would
/// shadow it (CS0436), hence a name of its own.
/// </summary>
internal static partial class DaemonInterop
{
    /// <summary>Imports that exist for FreeBSD only (Mono.Posix has no native helper there).</summary>
    internal static partial class FreeBsd
    {
        /// <summary>
        /// <c>struct utsname</c> field size in the current ABI (sys/utsname.h <c>SYS_NMLN</c>).
        /// </summary>
        public const int SYS_NMLN = 256;

        /// <summary>The five <c>struct utsname</c> fields: sysname, nodename, release, version, machine.</summary>
        public const int UtsnameFieldCount = 5;

        /// <summary>
        /// <c>int __xuname(int namesize, void *namebuf)</c>: fills five consecutive NUL-terminated fields of
        /// <paramref name="nameSize"/> bytes each (sysname, nodename, release, version, machine). Returns 0, or -1
        /// with errno when a sysctl other than a truncating one (ENOMEM) fails; the fields are still terminated.
        /// FreeBSD's sys/utsname.h makes <c>uname()</c> a static inline wrapper, <c>__xuname(SYS_NMLN, name)</c>; the
        /// exported <c>uname</c> symbol is the FreeBSD 1.1 compatibility entry that writes 32-byte fields, so binding
        /// it with a 256-byte layout would read garbage.
        /// </summary>
        [LibraryImport("libc", EntryPoint = "__xuname", SetLastError = true)]
        public static partial int XUname(int nameSize, Span<byte> nameBuffer);
    }
}
