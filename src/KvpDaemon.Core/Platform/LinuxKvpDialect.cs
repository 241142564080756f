// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

using System.Runtime.InteropServices;
using System.Runtime.Versioning;
using KvpDaemon.Protocol;
using Microsoft.Win32.SafeHandles;

namespace KvpDaemon.Platform;

/// <summary>
/// Linux (x86-64 and AArch64, glibc or musl): what differs from FreeBSD. The stat calls go through statx
/// (<see cref="Interop.Libc.Linux"/>), whose <c>struct statx</c> is the same on every architecture, where
/// <c>struct stat</c> is not; the record locks are open-file-description locks
/// (<see cref="Interop.Libc.FcntlLock(System.Runtime.InteropServices.SafeHandle, int, ref Interop.Libc.LinuxFlock)"/>).
/// </summary>
[SupportedOSPlatform("linux")]
internal sealed class LinuxKvpDialect : KvpDialect
{
    // asm-generic/fcntl.h. OFD locks (Linux 3.15) belong to the open file description, so closing another descriptor
    // of the same file does not drop them (QUIRK-32), and they conflict with the classic POSIX locks the reference
    // daemon takes.
    private const int F_OFD_SETLK = 37;

    public override string Name => "linux";

    /// <summary>flock(2): flock and fcntl locks do not see each other on Linux.</summary>
    public override bool FlockSeparateFromRecordLocks => true;

    public override KvpAbi Abi => KvpAbi.Linux;

    public override string DefaultDevicePath => "/dev/vmbus/hv_kvp";

    public override string DefaultPoolDirectory => "/var/lib/hyperv";

    public override string DefaultConfigFile => "/etc/hypervkvpd/hypervkvpd.json";

    public override string DefaultScriptsDirectory => "/usr/libexec/hypervkvpd";

    public override string DefaultStateDirectory => "/var/lib/hypervkvpd";

    public override UnixFileMode PoolDirectoryMode =>
        UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute |
        UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute;

    // 0644: LISA checks it, and WALinuxAgent reads pool 0 as another user would (docs/compatibility.md section 0).
    public override UnixFileMode PoolFileMode =>
        UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead;

    // asm-generic/fcntl.h, the same on x86-64 and AArch64.
    internal override Interop.Libc.OpenFlags O_CREAT => (Interop.Libc.OpenFlags)0x40;

    internal override Interop.Libc.OpenFlags O_EXCL => (Interop.Libc.OpenFlags)0x80;

    internal override Interop.Libc.OpenFlags O_CLOEXEC => (Interop.Libc.OpenFlags)0x80000;

    // asm-generic/fcntl.h 00400000 on x86-64; arch/arm64/include/uapi/asm/fcntl.h 0100000 on AArch64.
    internal override Interop.Libc.OpenFlags O_NOFOLLOW => RuntimeInformation.ProcessArchitecture switch
    {
        Architecture.X64 => (Interop.Libc.OpenFlags)0x20000,
        Architecture.Arm64 => (Interop.Libc.OpenFlags)0x8000,
        var other => throw new PlatformNotSupportedException($"O_NOFOLLOW is not known for Linux on {other}."),
    };

    // asm-generic/errno-base.h.
    internal override int EAGAIN => 11;

    // asm-generic/errno.h: ELOOP.
    internal override int ErrnoSymbolicLinkRefused => 40;

    // asm-generic/fcntl.h.
    internal override short F_RDLCK => 0;

    internal override short F_WRLCK => 1;

    internal override short F_UNLCK => 2;

    /// <summary>read(2): the Linux device cannot seek, and hands over exactly one 7432-byte message per read.</summary>
    public override int ReadMessage(SafeFileHandle device, Span<byte> buffer) =>
        Interop.Libc.Read(device, buffer, offset: null, "read from the KVP device");

    /// <summary>write(2): the Linux device takes one whole message per write (docs/protocol.md 2.6).</summary>
    public override void WriteMessage(SafeFileHandle device, ReadOnlySpan<byte> message) =>
        Interop.Libc.Write(device, message, offset: null, "write to the KVP device");

    /// <summary>lstat(2) through statx: a symbolic link is described, not followed (the pool store refuses links).</summary>
    protected override int LStat(string path, out FileStatus status)
    {
        var result = Interop.Libc.Linux.Statx(
            Interop.Libc.Linux.AT_FDCWD,
            path,
            Interop.Libc.Linux.StatxFlags.AT_SYMLINK_NOFOLLOW,
            Interop.Libc.Linux.StatxMask.STATX_BASIC_STATS,
            out var buffer);
        status = ToStatus(buffer);
        return result;
    }

    /// <summary>fstat(2) through statx on the open file.</summary>
    protected override int FStat(SafeFileHandle file, out FileStatus status)
    {
        var result = Interop.Libc.Linux.Statx(
            file,
            string.Empty,
            Interop.Libc.Linux.StatxFlags.AT_EMPTY_PATH,
            Interop.Libc.Linux.StatxMask.STATX_BASIC_STATS,
            out var buffer);
        status = ToStatus(buffer);
        return result;
    }

    protected override string RecordLockCall => "fcntl(F_OFD_SETLK)";

    /// <summary>F_OFD_SETLK, never F_OFD_SETLKW: the pool store waits with its own bounded back-off.</summary>
    protected override int SetRecordLock(SafeFileHandle file, short type)
    {
        // Whole file: start 0, length 0 (to EOF and beyond). OFD locks require l_pid = 0.
        var lockInfo = new Interop.Libc.LinuxFlock { Type = type, Whence = SEEK_SET, Start = 0, Length = 0, Pid = 0 };
        return Interop.Libc.FcntlLock(file, F_OFD_SETLK, ref lockInfo);
    }

    private static FileStatus ToStatus(Interop.Libc.LinuxStatx stat) => new(
        FileFacts.FromMode(stat.Mode, stat.Links, stat.Owner),
        new FileIdentity(
            stat.Device,
            stat.Inode,
            (long)stat.Size,
            stat.ModifiedSeconds,
            stat.ModifiedNanoseconds,
            stat.ChangedSeconds,
            stat.ChangedNanoseconds));
}
