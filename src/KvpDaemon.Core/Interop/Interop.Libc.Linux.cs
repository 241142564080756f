// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

using System.Runtime.InteropServices;

internal static partial class Interop
{
    internal static partial class Libc
    {
        /// <summary>
        /// The Linux calls that once came from Mono.Posix. Its managed half calls a native helper
        /// (libMonoPosixHelper.so) that cannot be linked into a NativeAOT binary, and one self-contained file is what the
        /// packages ship (docs/performance.md, "NativeAOT"). Each call here has a layout that is the same on every
        /// Linux architecture and C library, so nothing per-architecture is needed: <c>struct pollfd</c>, the kernel's
        /// <c>struct statx</c> (linux/stat.h; glibc 2.28+, musl 1.2.5+) and <c>struct utsname</c> (six 65-byte fields
        /// in glibc and musl alike).
        /// </summary>
        internal static partial class Linux
        {
            /// <summary><c>AT_FDCWD</c>: a relative path is taken from the working directory.</summary>
            public const int AtFdCwd = -100;

            /// <summary><c>AT_SYMLINK_NOFOLLOW</c>: a symbolic link is described itself, as lstat(2) does.</summary>
            public const int AtSymlinkNoFollow = 0x100;

            /// <summary><c>AT_EMPTY_PATH</c>: an empty path names the descriptor itself (statx on an open file).</summary>
            public const int AtEmptyPath = 0x1000;

            /// <summary><c>STATX_BASIC_STATS</c>: everything stat(2) returns.</summary>
            public const uint StatxBasicStats = 0x7ff;

            /// <summary><c>int poll(struct pollfd fds[], nfds_t nfds, int timeout)</c>: count ready, 0, or -1.</summary>
            [LibraryImport(LibraryName, EntryPoint = "poll", SetLastError = true)]
            public static partial int Poll(Span<PollFd> fds, nuint count, int timeoutMilliseconds);

            /// <summary><c>int statx(int dirfd, const char *path, int flags, unsigned int mask, struct statx *buf)</c>: 0 or -1.</summary>
            [LibraryImport(LibraryName, EntryPoint = "statx", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
            public static partial int Statx(int directory, string path, int flags, uint mask, out LinuxStatx buffer);

            /// <summary><c>int uname(struct utsname *buf)</c>: 0 or -1.</summary>
            [LibraryImport(LibraryName, EntryPoint = "uname", SetLastError = true)]
            public static partial int Uname(out LinuxUtsname buffer);
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

        /// <summary><c>struct utsname</c>: sysname, nodename, release, version, machine, domainname; 65 bytes each.</summary>
        [StructLayout(LayoutKind.Sequential)]
        public unsafe struct LinuxUtsname
        {
            public const int FieldLength = 65;

            public fixed byte Fields[FieldLength * 6];

            /// <summary>Field <paramref name="index"/> (0 sysname ... 4 machine), up to its NUL, as UTF-8.</summary>
            public readonly string Field(int index)
            {
                ArgumentOutOfRangeException.ThrowIfNegative(index);
                ArgumentOutOfRangeException.ThrowIfGreaterThan(index, 5);
                fixed (byte* fields = Fields)
                {
                    var field = new ReadOnlySpan<byte>(fields + (index * FieldLength), FieldLength);
                    var end = field.IndexOf((byte)0);
                    return System.Text.Encoding.UTF8.GetString(end < 0 ? field : field[..end]);
                }
            }
        }
    }
}
