// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

using System.Runtime.InteropServices;
using System.Runtime.Versioning;
using KvpDaemon.Protocol;
using Microsoft.Win32.SafeHandles;

namespace KvpDaemon.Platform;

/// <summary>
/// Linux (x86-64 and AArch64, glibc or musl). poll and statx are direct imports (<see cref="Interop.Libc.Linux"/>):
/// statx's <c>struct statx</c> is the same on every architecture, where <c>struct stat</c> is not, and a NativeAOT
/// binary cannot carry Mono.Posix's native helper. The open-file-description locks are a direct import too
/// (<see cref="Interop.Libc.FcntlLock(int, int, ref Interop.Libc.LinuxFlock)"/>).
/// </summary>
[SupportedOSPlatform("linux")]
internal sealed class LinuxKvpDialect : KvpDialect
{
    // asm-generic/fcntl.h. OFD locks (Linux 3.15) belong to the open file description, so closing another descriptor
    // of the same file does not drop them (QUIRK-32), and they conflict with the classic POSIX locks the reference
    // daemon takes.
    private const int F_OFD_SETLK = 37;
    private const short F_RDLCK = 0;
    private const short F_WRLCK = 1;
    private const short F_UNLCK = 2;

    // asm-generic/poll.h.
    private const short POLLIN = 0x1;
    private const short POLLERR = 0x8;
    private const short POLLHUP = 0x10;
    private const short POLLNVAL = 0x20;

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

    protected override int O_CREAT => 0x40;

    protected override int O_EXCL => 0x80;

    protected override int O_CLOEXEC => 0x80000;

    protected override int EEXIST => 17;

    protected override int ENOENT => 2;

    // asm-generic/fcntl.h 00400000 on x86-64; arch/arm64/include/uapi/asm/fcntl.h 0100000 on AArch64.
    protected override int O_NOFOLLOW => RuntimeInformation.ProcessArchitecture switch
    {
        Architecture.X64 => 0x20000,
        Architecture.Arm64 => 0x8000,
        var other => throw new PlatformNotSupportedException($"O_NOFOLLOW is not known for Linux on {other}."),
    };

    protected override int EAGAIN => 11;

    protected override int ErrnoSymbolicLinkRefused => 40;

    public override bool TryLockRecords(SafeFileHandle file, bool exclusive) => SetOfdLock(file, exclusive ? F_WRLCK : F_RDLCK);

    public override void UnlockRecords(SafeFileHandle file) => _ = SetOfdLock(file, F_UNLCK);

    public override FileFacts FactsOf(SafeFileHandle file) => ToFacts(FStatx(file));

    public override FileFacts? FactsOfPath(string path) => LStatx(path) is { } buffer ? ToFacts(buffer) : null;

    public override FileIdentity? StatPath(string path) => LStatx(path) is { } buffer ? ToIdentity(buffer) : null;

    public override FileIdentity StatHandle(SafeFileHandle file) => ToIdentity(FStatx(file));

    public override bool WaitReadable(SafeFileHandle file, SafeFileHandle wakeup)
    {
        ArgumentNullException.ThrowIfNull(file);
        ArgumentNullException.ThrowIfNull(wakeup);
        var fds = new Interop.Libc.PollFd[]
        {
            new() { Fd = (int)file.DangerousGetHandle(), Events = POLLIN },
            new() { Fd = (int)wakeup.DangerousGetHandle(), Events = POLLIN },
        };

        // No timeout: an idle daemon sleeps in poll until the host sends something or shutdown writes the wake-up pipe.
        Interop.Libc.CheckIo(() => Interop.Libc.Linux.Poll(fds, (nuint)fds.Length, -1), "poll");
        if ((fds[1].Revents & POLLIN) != 0)
        {
            return false;
        }

        if ((fds[0].Revents & (POLLERR | POLLHUP | POLLNVAL)) != 0)
        {
            throw new IOException($"The KVP device reported poll events 0x{fds[0].Revents:x}.");
        }

        return true;
    }

    /// <summary>read(2): the Linux device cannot seek, and hands over exactly one 7432-byte message per read.</summary>
    public override int ReadMessage(SafeFileHandle device, Span<byte> buffer) =>
        Interop.Libc.Read(device, buffer, offset: null, "read from the KVP device");

    /// <summary>write(2): the Linux device takes one whole message per write (docs/protocol.md 2.6).</summary>
    public override void WriteMessage(SafeFileHandle device, ReadOnlySpan<byte> message) =>
        Interop.Libc.Write(device, message, offset: null, "write to the KVP device");

    /// <summary>F_OFD_SETLK, never F_OFD_SETLKW: the pool store waits with its own bounded back-off.</summary>
    private bool SetOfdLock(SafeFileHandle file, short type)
    {
        ArgumentNullException.ThrowIfNull(file);
        var fd = (int)file.DangerousGetHandle();

        return TryLock(
            static call =>
            {
                // Whole file: start 0, length 0 (to EOF and beyond). OFD locks require l_pid = 0.
                var lockInfo = new Interop.Libc.LinuxFlock { Type = call.Type, Whence = SEEK_SET, Start = 0, Length = 0, Pid = 0 };
                return Interop.Libc.FcntlLock(call.Fd, F_OFD_SETLK, ref lockInfo);
            },
            (Fd: fd, Type: type),
            "fcntl(F_OFD_SETLK)");
    }

    /// <summary>fstat(2) through statx on the open file.</summary>
    private static Interop.Libc.LinuxStatx FStatx(SafeFileHandle file)
    {
        ArgumentNullException.ThrowIfNull(file);
        var fd = (int)file.DangerousGetHandle();
        var buffer = default(Interop.Libc.LinuxStatx);
        Interop.Libc.CheckIo(
            static call => Interop.Libc.Linux.Statx(call.Fd, string.Empty, Interop.Libc.Linux.AtEmptyPath, Interop.Libc.Linux.StatxBasicStats, out call.Result),
            new Interop.Libc.DescriptorCall<Interop.Libc.LinuxStatx>(fd, ref buffer),
            "fstat");
        return buffer;
    }

    /// <summary>
    /// lstat(2) through statx: a symbolic link is described, not followed (the pool store refuses links). Null when
    /// nothing is at <paramref name="path"/>.
    /// </summary>
    private Interop.Libc.LinuxStatx? LStatx(string path)
    {
        if (Interop.Libc.Linux.Statx(
            Interop.Libc.Linux.AtFdCwd, path, Interop.Libc.Linux.AtSymlinkNoFollow, Interop.Libc.Linux.StatxBasicStats, out var buffer) == 0)
        {
            return buffer;
        }

        var errno = Marshal.GetLastPInvokeError();
        return errno == ENOENT ? null : throw Interop.Libc.CreateIOException(errno, $"lstat {path}");
    }

    private static FileFacts ToFacts(Interop.Libc.LinuxStatx stat) => FileFacts.FromMode(stat.Mode, stat.Links, stat.Owner);

    private static FileIdentity ToIdentity(Interop.Libc.LinuxStatx stat) => new(
        stat.Device,
        stat.Inode,
        (long)stat.Size,
        stat.ModifiedSeconds,
        stat.ModifiedNanoseconds,
        stat.ChangedSeconds,
        stat.ChangedNanoseconds);
}
