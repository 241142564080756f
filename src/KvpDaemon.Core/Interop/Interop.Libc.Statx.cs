// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

using System.Runtime.InteropServices;

internal static partial class Interop
{
    internal static partial class Libc
    {
        /// <summary>
        /// The Linux-only calls. Each has a layout that is the same on every Linux architecture and C library, so nothing
        /// per-architecture is needed: the kernel's <c>struct statx</c> (linux/stat.h; glibc 2.28+, musl 1.2.5+), where
        /// <c>struct stat</c> differs between x86-64 and AArch64, and <c>struct utsname</c> (six 65-byte fields in glibc
        /// and musl alike).
        /// </summary>
        internal static partial class Linux
        {
            /// <summary><c>AT_FDCWD</c> (linux/fcntl.h): a relative path is taken from the working directory.</summary>
            public const int AT_FDCWD = -100;

            /// <summary>The <c>statx(2)</c> flags (linux/fcntl.h).</summary>
            [Flags]
            internal enum StatxFlags
            {
                /// <summary>A symbolic link is described itself, as lstat(2) does.</summary>
                AT_SYMLINK_NOFOLLOW = 0x100,

                /// <summary>An empty path names the descriptor itself (statx on an open file).</summary>
                AT_EMPTY_PATH = 0x1000,
            }

            /// <summary>The <c>statx(2)</c> field mask (linux/stat.h).</summary>
            [Flags]
            internal enum StatxMask : uint
            {
                /// <summary>Everything stat(2) returns.</summary>
                STATX_BASIC_STATS = 0x7ff,
            }

            /// <summary>
            /// <c>int statx(int dirfd, const char *path, int flags, unsigned int mask, struct statx *buf)</c> on a path:
            /// 0 or -1 with errno. <paramref name="directory"/> is not a descriptor here but <see cref="AT_FDCWD"/>.
            /// </summary>
            [LibraryImport(LibraryName, EntryPoint = "statx", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
            public static partial int Statx(int directory, string path, StatxFlags flags, StatxMask mask, out LinuxStatx buffer);

            /// <summary>
            /// <c>statx</c> on an open file: <paramref name="path"/> is empty and <paramref name="flags"/> holds
            /// <see cref="StatxFlags.AT_EMPTY_PATH"/>. 0 or -1 with errno.
            /// </summary>
            [LibraryImport(LibraryName, EntryPoint = "statx", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
            public static partial int Statx(SafeHandle file, string path, StatxFlags flags, StatxMask mask, out LinuxStatx buffer);
        }

        /// <summary>
        /// The fields of the kernel's 256-byte <c>struct statx</c> the pool store compares and checks (offsets from
        /// linux/stat.h; a timestamp is <c>s64 tv_sec | u32 tv_nsec | s32 reserved</c>).
        /// </summary>
        [StructLayout(LayoutKind.Explicit, Size = 256)]
        public struct LinuxStatx
        {
            /// <summary><c>stx_nlink</c>: the hard-link count.</summary>
            [FieldOffset(16)]
            public uint Links;

            /// <summary><c>stx_uid</c>: the owner.</summary>
            [FieldOffset(20)]
            public uint Owner;

            /// <summary><c>stx_mode</c>: the file type and permission bits, as in <c>st_mode</c>.</summary>
            [FieldOffset(28)]
            public ushort Mode;

            [FieldOffset(32)]
            public ulong Inode;

            [FieldOffset(40)]
            public ulong Size;

            [FieldOffset(96)]
            public long ChangedSeconds;

            [FieldOffset(104)]
            public uint ChangedNanoseconds;

            [FieldOffset(112)]
            public long ModifiedSeconds;

            [FieldOffset(120)]
            public uint ModifiedNanoseconds;

            [FieldOffset(136)]
            public uint DeviceMajor;

            [FieldOffset(140)]
            public uint DeviceMinor;

            /// <summary>
            /// The device as stat(2)'s <c>st_dev</c> carries it (glibc's and musl's makedev encoding), which is also how
            /// systemd writes it into <c>$JOURNAL_STREAM</c>.
            /// </summary>
            public readonly ulong Device =>
                ((ulong)(DeviceMajor & 0xfffff000u) << 32) | ((ulong)(DeviceMajor & 0xfffu) << 8) |
                ((ulong)(DeviceMinor & 0xffffff00u) << 12) | (DeviceMinor & 0xffu);
        }
    }
}
