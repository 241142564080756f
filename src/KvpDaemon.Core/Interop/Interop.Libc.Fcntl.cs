// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

using System.Runtime.InteropServices;

internal static partial class Interop
{
    internal static partial class Libc
    {
        /// <summary>
        /// <c>int fcntl(int fd, int cmd, struct flock *lock)</c> with Linux's <c>struct flock</c>, for
        /// F_OFD_SETLK (the BCL has no fcntl locks). Returns 0, or -1 with errno. The command and lock-type values
        /// differ between the OSes, so they live in the dialects (docs/contributing.md rule 6).
        /// </summary>
        [LibraryImport(LibraryName, EntryPoint = "fcntl", SetLastError = true)]
        public static partial int FcntlLock(SafeHandle fd, int command, ref LinuxFlock lockInfo);

        /// <summary><c>fcntl</c> with FreeBSD's <c>struct flock</c>, for F_SETLK.</summary>
        [LibraryImport(LibraryName, EntryPoint = "fcntl", SetLastError = true)]
        public static partial int FcntlLock(SafeHandle fd, int command, ref FreeBsdFlock lockInfo);

        /// <summary>
        /// Linux <c>struct flock</c> on LP64 (x86-64, AArch64; asm-generic/fcntl.h):
        /// <code>
        ///  0 l_type (2) | 2 l_whence (2) | 4 pad | 8 l_start (8) | 16 l_len (8) | 24 l_pid (4) | 28 pad  = 32
        /// </code>
        /// </summary>
        [StructLayout(LayoutKind.Explicit, Size = 32)]
        public struct LinuxFlock
        {
            [FieldOffset(0)] public short Type;
            [FieldOffset(2)] public short Whence;
            [FieldOffset(8)] public long Start;
            [FieldOffset(16)] public long Length;
            [FieldOffset(24)] public int Pid;
        }

        /// <summary>
        /// FreeBSD <c>struct flock</c> (sys/fcntl.h); the field order differs from Linux, as the FreeBSD daemon's
        /// initializer <c>{ l_start, l_len, l_pid, l_type, l_whence, l_sysid }</c> shows (docs/protocol.md section 7):
        /// <code>
        ///  0 l_start (8) | 8 l_len (8) | 16 l_pid (4) | 20 l_type (2) | 22 l_whence (2) | 24 l_sysid (4) | 28 pad  = 32
        /// </code>
        /// </summary>
        [StructLayout(LayoutKind.Explicit, Size = 32)]
        public struct FreeBsdFlock
        {
            [FieldOffset(0)] public long Start;
            [FieldOffset(8)] public long Length;
            [FieldOffset(16)] public int Pid;
            [FieldOffset(20)] public short Type;
            [FieldOffset(22)] public short Whence;
            [FieldOffset(24)] public int SysId;
        }
    }
}
