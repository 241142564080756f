// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

using System.Runtime.Versioning;
using KvpDaemon.Protocol;
using Microsoft.Win32.SafeHandles;

namespace KvpDaemon.Platform;

/// <summary>
/// FreeBSD 12 and later (amd64, arm64): what differs from Linux. Every call is a direct import (Interop.Libc.cs says
/// why). FreeBSD has no open-file-description locks, so the pool store keeps exactly one descriptor per pool file and
/// never closes a second one in-process, which would drop the process's POSIX locks (docs/protocol.md section 7).
/// </summary>
[SupportedOSPlatform("freebsd")]
internal sealed class FreeBsdKvpDialect : KvpDialect
{
    // sys/fcntl.h (FreeBSD 9+; 7 to 9 are the old F_O* commands).
    private const int F_SETLK = 12;

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

    // sys/fcntl.h.
    internal override Interop.Libc.OpenFlags O_CREAT => (Interop.Libc.OpenFlags)0x0200;

    internal override Interop.Libc.OpenFlags O_EXCL => (Interop.Libc.OpenFlags)0x0800;

    internal override Interop.Libc.OpenFlags O_CLOEXEC => (Interop.Libc.OpenFlags)0x00100000;

    internal override Interop.Libc.OpenFlags O_NOFOLLOW => (Interop.Libc.OpenFlags)0x0100;

    // sys/errno.h: EAGAIN = EWOULDBLOCK = 35.
    internal override int EAGAIN => 35;

    // open(2): "[EMLINK] O_NOFOLLOW was specified and the target is a symbolic link".
    internal override int ErrnoSymbolicLinkRefused => 31;

    // sys/fcntl.h.
    internal override short F_RDLCK => 1;

    internal override short F_WRLCK => 3;

    internal override short F_UNLCK => 2;

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

    protected override int LStat(string path, out FileStatus status)
    {
        var result = Interop.Libc.FreeBsd.LStat(path, out var buffer);
        status = ToStatus(buffer);
        return result;
    }

    protected override int FStat(SafeFileHandle file, out FileStatus status)
    {
        var result = Interop.Libc.FreeBsd.FStat(file, out var buffer);
        status = ToStatus(buffer);
        return result;
    }

    protected override string RecordLockCall => "fcntl(F_SETLK)";

    /// <summary>F_SETLK, never F_SETLKW: the pool store waits with its own bounded back-off.</summary>
    protected override int SetRecordLock(SafeFileHandle file, short type)
    {
        var lockInfo = new Interop.Libc.FreeBsdFlock { Start = 0, Length = 0, Pid = 0, Type = type, Whence = SEEK_SET };
        return Interop.Libc.FcntlLock(file, F_SETLK, ref lockInfo);
    }

    private static FileStatus ToStatus(Interop.Libc.FreeBsdStat stat) => new(
        FileFacts.FromMode(stat.Mode, stat.Links, stat.Owner),
        new FileIdentity(
            stat.Device,
            stat.Inode,
            stat.Size,
            stat.ModifiedSeconds,
            stat.ModifiedNanoseconds,
            stat.ChangedSeconds,
            stat.ChangedNanoseconds));
}
