// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

using System.Runtime.InteropServices;
using System.Runtime.Versioning;
using KvpDaemon.Protocol;
using Microsoft.Win32.SafeHandles;

namespace KvpDaemon.Platform;

/// <summary>
/// FreeBSD 12 and later (amd64, arm64). Every call is a direct import (Interop.Libc.cs says why).
/// FreeBSD has no open-file-description locks, so the pool store keeps exactly one descriptor per pool file and never
/// closes a second one in-process, which would drop the process's POSIX locks (docs/protocol.md section 7).
/// </summary>
[SupportedOSPlatform("freebsd")]
internal sealed class FreeBsdKvpDialect : KvpDialect
{
    // sys/fcntl.h (FreeBSD 9+; 7 to 9 are the old F_O* commands).
    private const int F_SETLK = 12;
    private const short F_UNLCK = 2;
    private const short F_RDLCK = 1;
    private const short F_WRLCK = 3;

    // sys/poll.h, the same values as Linux.
    private const short POLLIN = 0x0001;
    private const short POLLERR = 0x0008;
    private const short POLLHUP = 0x0010;
    private const short POLLNVAL = 0x0020;

    public override string Name => "freebsd";

    /// <summary>flock(2) (FreeBSD): flock, fcntl and lockf locks are one kind, seen by each other.</summary>
    public override bool FlockSeparateFromRecordLocks => false;

    public override KvpAbi Abi => KvpAbi.FreeBsd;

    public override string DefaultDevicePath => "/dev/hv_kvp_dev";

    public override string DefaultPoolDirectory => "/var/db/hyperv/pool";

    public override string DefaultConfigFile => "/usr/local/etc/hypervkvpd.json";

    public override string DefaultScriptsDirectory => "/usr/libexec/hyperv";

    public override string DefaultStateDirectory => "/var/db/hypervkvpd";

    // 0700 and 0600, as the FreeBSD daemon creates them (docs/protocol.md 1.9).
    public override UnixFileMode PoolDirectoryMode =>
        UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    public override UnixFileMode PoolFileMode => UnixFileMode.UserRead | UnixFileMode.UserWrite;

    protected override int O_CREAT => 0x0200;

    protected override int O_EXCL => 0x0800;

    protected override int O_CLOEXEC => 0x00100000;

    protected override int EEXIST => 17;

    protected override int ENOENT => 2;

    // sys/fcntl.h.
    protected override int O_NOFOLLOW => 0x0100;

    // sys/errno.h: EAGAIN = EWOULDBLOCK = 35.
    protected override int EAGAIN => 35;

    // open(2): "[EMLINK] O_NOFOLLOW was specified and the target is a symbolic link".
    protected override int ErrnoSymbolicLinkRefused => 31;

    public override bool TryLockRecords(SafeFileHandle file, bool exclusive) => SetLock(file, exclusive ? F_WRLCK : F_RDLCK);

    public override void UnlockRecords(SafeFileHandle file) => _ = SetLock(file, F_UNLCK);

    public override FileFacts FactsOf(SafeFileHandle file)
    {
        ArgumentNullException.ThrowIfNull(file);
        var fd = (int)file.DangerousGetHandle();
        var buffer = default(Interop.Libc.FreeBsdStat);
        Interop.Libc.CheckIo(
            static call => Interop.Libc.FreeBsd.FStat(call.Fd, out call.Result),
            new Interop.Libc.DescriptorCall<Interop.Libc.FreeBsdStat>(fd, ref buffer),
            "fstat");
        return ToFacts(buffer);
    }

    public override FileFacts? FactsOfPath(string path)
    {
        if (Interop.Libc.FreeBsd.LStat(path, out var buffer) == 0)
        {
            return ToFacts(buffer);
        }

        var errno = Marshal.GetLastPInvokeError();
        return errno == ENOENT ? null : throw Interop.Libc.CreateIOException(errno, $"lstat {path}");
    }

    public override FileIdentity? StatPath(string path)
    {
        if (Interop.Libc.FreeBsd.LStat(path, out var buffer) == 0)
        {
            return ToIdentity(buffer);
        }

        var errno = Marshal.GetLastPInvokeError();
        return errno == ENOENT ? null : throw Interop.Libc.CreateIOException(errno, $"lstat {path}");
    }

    public override FileIdentity StatHandle(SafeFileHandle file)
    {
        ArgumentNullException.ThrowIfNull(file);
        var fd = (int)file.DangerousGetHandle();
        var buffer = default(Interop.Libc.FreeBsdStat);
        Interop.Libc.CheckIo(
            static call => Interop.Libc.FreeBsd.FStat(call.Fd, out call.Result),
            new Interop.Libc.DescriptorCall<Interop.Libc.FreeBsdStat>(fd, ref buffer),
            "fstat");
        return ToIdentity(buffer);
    }

    public override bool WaitReadable(SafeFileHandle file, SafeFileHandle wakeup)
    {
        ArgumentNullException.ThrowIfNull(file);
        ArgumentNullException.ThrowIfNull(wakeup);
        var fds = new Interop.Libc.PollFd[]
        {
            new() { Fd = (int)file.DangerousGetHandle(), Events = POLLIN },
            new() { Fd = (int)wakeup.DangerousGetHandle(), Events = POLLIN },
        };

        Interop.Libc.CheckIo(() => Interop.Libc.FreeBsd.Poll(fds, (uint)fds.Length, -1), "poll");
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

    /// <summary>
    /// pread(2) at offset 0: the FreeBSD driver transfers from the file offset, so plain reads would shrink to a byte
    /// once the offset advanced (docs/protocol.md 2.6). Called directly rather than through <see cref="RandomAccess"/>, which
    /// refuses descriptors it cannot seek.
    /// </summary>
    public override int ReadMessage(SafeFileHandle device, Span<byte> buffer) =>
        Interop.Libc.Read(device, buffer, offset: 0, "pread from the KVP device");

    /// <summary>pwrite(2) at offset 0 of exactly the 7430-byte message (docs/protocol.md 2.6).</summary>
    public override void WriteMessage(SafeFileHandle device, ReadOnlySpan<byte> message) =>
        Interop.Libc.Write(device, message, offset: 0, "pwrite to the KVP device");

    /// <summary>F_SETLK, never F_SETLKW: the pool store waits with its own bounded back-off.</summary>
    private bool SetLock(SafeFileHandle file, short type)
    {
        ArgumentNullException.ThrowIfNull(file);
        var fd = (int)file.DangerousGetHandle();
        return TryLock(
            static call =>
            {
                var lockInfo = new Interop.Libc.FreeBsdFlock { Start = 0, Length = 0, Pid = 0, Type = call.Type, Whence = SEEK_SET };
                return Interop.Libc.FcntlLock(call.Fd, F_SETLK, ref lockInfo);
            },
            (Fd: fd, Type: type),
            "fcntl(F_SETLK)");
    }

    private static FileFacts ToFacts(Interop.Libc.FreeBsdStat stat) => FileFacts.FromMode(stat.Mode, stat.Links, stat.Owner);

    private static FileIdentity ToIdentity(Interop.Libc.FreeBsdStat stat) => new(
        stat.Device,
        stat.Inode,
        stat.Size,
        stat.ModifiedSeconds,
        stat.ModifiedNanoseconds,
        stat.ChangedSeconds,
        stat.ChangedNanoseconds);
}
