// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

using System.Runtime.InteropServices;

internal static partial class Interop
{
    internal static partial class Libc
    {
        internal static partial class FreeBsd
        {
            /// <summary>
            /// <c>int fstat(int fd, struct stat *sb)</c>: 0 or -1 with errno. The default symbol version (FBSD_1.5,
            /// FreeBSD 12 and later) takes the 64-bit-inode <see cref="FreeBsdStat"/> layout.
            /// </summary>
            [LibraryImport(LibraryName, EntryPoint = "fstat", SetLastError = true)]
            public static partial int FStat(SafeHandle fd, out FreeBsdStat buffer);
        }

        /// <summary>
        /// FreeBSD 12+ <c>struct stat</c> on LP64 (sys/stat.h), the fields the pool store compares:
        /// <code>
        ///  0 st_dev (8) | 8 st_ino (8) | 16 st_nlink (8) | 24 st_mode (2) | 26 st_bsdflags (2) | 28 st_uid | 32 st_gid
        ///  | 36 pad | 40 st_rdev (8) | 48 st_atim (16) | 64 st_mtim (16) | 80 st_ctim (16) | 96 st_birthtim (16)
        ///  | 112 st_size (8) | 120 st_blocks | 128 st_blksize | 132 st_flags | 136 st_gen | 144 st_spare[10]  = 224
        /// </code>
        /// </summary>
        [StructLayout(LayoutKind.Explicit, Size = 224)]
        public struct FreeBsdStat
        {
            [FieldOffset(0)] public ulong Device;
            [FieldOffset(8)] public ulong Inode;
            [FieldOffset(16)] public ulong Links;
            [FieldOffset(24)] public ushort Mode;
            [FieldOffset(28)] public uint Owner;
            [FieldOffset(64)] public long ModifiedSeconds;
            [FieldOffset(72)] public long ModifiedNanoseconds;
            [FieldOffset(80)] public long ChangedSeconds;
            [FieldOffset(88)] public long ChangedNanoseconds;
            [FieldOffset(112)] public long Size;
        }
    }
}
