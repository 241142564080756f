// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

using System.Runtime.InteropServices;
using KvpDaemon.Platform;

namespace KvpDaemon.Tests.Platform;

/// <summary>
/// Pins every mirrored C structure to the sizes and offsets of its system header (docs/contributing.md rule 3), and every
/// flag value to its header: the shared <c>[Flags]</c> enums once, the values that differ per OS for Linux and for
/// FreeBSD (docs/contributing.md rules 5 and 6). The comments name the header each row comes from.
/// </summary>
public sealed class InteropLayoutTests
{
    [Theory]
    [InlineData(nameof(Interop.Libc.LinuxFlock.Type), 0)]
    [InlineData(nameof(Interop.Libc.LinuxFlock.Whence), 2)]
    [InlineData(nameof(Interop.Libc.LinuxFlock.Start), 8)]
    [InlineData(nameof(Interop.Libc.LinuxFlock.Length), 16)]
    [InlineData(nameof(Interop.Libc.LinuxFlock.Pid), 24)]
    public void LinuxFlock_Field_IsAtItsAsmGenericOffset(string field, int offset)
    {
        Marshal.SizeOf<Interop.Libc.LinuxFlock>().Should().Be(32);
        Marshal.OffsetOf<Interop.Libc.LinuxFlock>(field).ToInt32().Should().Be(offset);
    }

    [Theory]
    [InlineData(nameof(Interop.Libc.FreeBsdFlock.Start), 0)]
    [InlineData(nameof(Interop.Libc.FreeBsdFlock.Length), 8)]
    [InlineData(nameof(Interop.Libc.FreeBsdFlock.Pid), 16)]
    [InlineData(nameof(Interop.Libc.FreeBsdFlock.Type), 20)]
    [InlineData(nameof(Interop.Libc.FreeBsdFlock.Whence), 22)]
    [InlineData(nameof(Interop.Libc.FreeBsdFlock.SysId), 24)]
    public void FreeBsdFlock_Field_IsAtItsSysFcntlOffset(string field, int offset)
    {
        Marshal.SizeOf<Interop.Libc.FreeBsdFlock>().Should().Be(32);
        Marshal.OffsetOf<Interop.Libc.FreeBsdFlock>(field).ToInt32().Should().Be(offset);
    }

    [Theory]
    [InlineData(nameof(Interop.Libc.FreeBsdStat.Device), 0)]
    [InlineData(nameof(Interop.Libc.FreeBsdStat.Inode), 8)]
    [InlineData(nameof(Interop.Libc.FreeBsdStat.Links), 16)]
    [InlineData(nameof(Interop.Libc.FreeBsdStat.Mode), 24)]
    [InlineData(nameof(Interop.Libc.FreeBsdStat.Owner), 28)]
    [InlineData(nameof(Interop.Libc.FreeBsdStat.ModifiedSeconds), 64)]
    [InlineData(nameof(Interop.Libc.FreeBsdStat.ModifiedNanoseconds), 72)]
    [InlineData(nameof(Interop.Libc.FreeBsdStat.ChangedSeconds), 80)]
    [InlineData(nameof(Interop.Libc.FreeBsdStat.ChangedNanoseconds), 88)]
    [InlineData(nameof(Interop.Libc.FreeBsdStat.Size), 112)]
    public void FreeBsdStat_Field_IsAtItsSysStatOffset(string field, int offset)
    {
        Marshal.SizeOf<Interop.Libc.FreeBsdStat>().Should().Be(224);
        Marshal.OffsetOf<Interop.Libc.FreeBsdStat>(field).ToInt32().Should().Be(offset);
    }

    [Theory]
    [InlineData(nameof(Interop.Libc.LinuxStatx.Links), 16)]
    [InlineData(nameof(Interop.Libc.LinuxStatx.Owner), 20)]
    [InlineData(nameof(Interop.Libc.LinuxStatx.Mode), 28)]
    [InlineData(nameof(Interop.Libc.LinuxStatx.Inode), 32)]
    [InlineData(nameof(Interop.Libc.LinuxStatx.Size), 40)]
    [InlineData(nameof(Interop.Libc.LinuxStatx.ChangedSeconds), 96)]
    [InlineData(nameof(Interop.Libc.LinuxStatx.ChangedNanoseconds), 104)]
    [InlineData(nameof(Interop.Libc.LinuxStatx.ModifiedSeconds), 112)]
    [InlineData(nameof(Interop.Libc.LinuxStatx.ModifiedNanoseconds), 120)]
    [InlineData(nameof(Interop.Libc.LinuxStatx.DeviceMajor), 136)]
    [InlineData(nameof(Interop.Libc.LinuxStatx.DeviceMinor), 140)]
    public void LinuxStatx_Field_IsAtItsLinuxStatOffset(string field, int offset)
    {
        Marshal.SizeOf<Interop.Libc.LinuxStatx>().Should().Be(256);
        Marshal.OffsetOf<Interop.Libc.LinuxStatx>(field).ToInt32().Should().Be(offset);
    }

    [Fact]
    public void LinuxUtsname_IsSixFieldsOf65Bytes() => Marshal.SizeOf<Interop.Libc.LinuxUtsname>().Should().Be(390);

    [Fact]
    public void FreeBsdUtsname_IsFiveFieldsOfSysNmln() =>
        (Interop.Libc.FreeBsd.SYS_NMLN * Interop.Libc.FreeBsd.UtsnameFieldCount).Should().Be(1280);

    [Theory]
    [InlineData(nameof(Interop.Libc.PollFd.Fd), 0)]
    [InlineData(nameof(Interop.Libc.PollFd.Events), 4)]
    [InlineData(nameof(Interop.Libc.PollFd.Revents), 6)]
    public void PollFd_Field_IsAtItsSysPollOffsetOnBothOses(string field, int offset)
    {
        Marshal.SizeOf<Interop.Libc.PollFd>().Should().Be(8);
        Marshal.OffsetOf<Interop.Libc.PollFd>(field).ToInt32().Should().Be(offset);
    }

    [Theory]
    [InlineData("LOCK_SH", 1)] // Linux asm-generic/fcntl.h, FreeBSD sys/fcntl.h
    [InlineData("LOCK_EX", 2)]
    [InlineData("LOCK_NB", 4)]
    [InlineData("LOCK_UN", 8)]
    public void LockOperations_Value_IsTheSameOnBothOses(string name, int value) =>
        ((int)Enum.Parse<Interop.Libc.LockOperations>(name)).Should().Be(value);

    [Theory]
    [InlineData("POLLIN", 0x1)] // Linux asm-generic/poll.h, FreeBSD sys/poll.h
    [InlineData("POLLERR", 0x8)]
    [InlineData("POLLHUP", 0x10)]
    [InlineData("POLLNVAL", 0x20)]
    public void PollEvents_Value_IsTheSameOnBothOses(string name, short value) =>
        ((short)Enum.Parse<Interop.Libc.PollEvents>(name)).Should().Be(value);

    [Theory]
    [InlineData("O_RDONLY", 0)] // Linux asm-generic/fcntl.h, FreeBSD sys/fcntl.h
    [InlineData("O_RDWR", 2)]
    public void OpenFlags_AccessMode_IsTheSameOnBothOses(string name, int value) =>
        ((int)Enum.Parse<Interop.Libc.OpenFlags>(name)).Should().Be(value);

    [Fact]
    public void Errno_SharedValues_AreTheSameOnBothOses()
    {
        // Below 35 the numbers agree: asm-generic/errno-base.h and FreeBSD sys/errno.h.
        Interop.Libc.ENOENT.Should().Be(2);
        Interop.Libc.EINTR.Should().Be(4);
        Interop.Libc.EACCES.Should().Be(13);
        Interop.Libc.EEXIST.Should().Be(17);
    }

    [Fact]
    public void StatxFlagsAndMask_Values_AreLinuxFcntlAndStat()
    {
        Interop.Libc.Linux.AT_FDCWD.Should().Be(-100);
        ((int)Interop.Libc.Linux.StatxFlags.AT_SYMLINK_NOFOLLOW).Should().Be(0x100);
        ((int)Interop.Libc.Linux.StatxFlags.AT_EMPTY_PATH).Should().Be(0x1000);
        ((uint)Interop.Libc.Linux.StatxMask.STATX_BASIC_STATS).Should().Be(0x7ffu);
    }

    // Both OSes' values are checked on whichever OS runs the suite: constructing a dialect and reading its constants
    // makes no system call, so the per-OS types are used here outside their OS guard.
#pragma warning disable CA1416 // Per-OS dialect types read for their constants only, on any host.
    [Fact]
    public void LinuxDialect_PerOsValues_AreAsmGenericFcntlAndErrno()
    {
        var linux = new LinuxKvpDialect();

        ((int)linux.O_CREAT).Should().Be(0x40);
        ((int)linux.O_EXCL).Should().Be(0x80);
        ((int)linux.O_CLOEXEC).Should().Be(0x80000);
        ((int)linux.O_NOFOLLOW).Should().Be(RuntimeInformation.ProcessArchitecture == Architecture.Arm64 ? 0x8000 : 0x20000);
        linux.F_RDLCK.Should().Be(0);
        linux.F_WRLCK.Should().Be(1);
        linux.F_UNLCK.Should().Be(2);
        linux.EAGAIN.Should().Be(11);
        linux.ErrnoSymbolicLinkRefused.Should().Be(40, "ELOOP");
    }

    [Fact]
    public void FreeBsdDialect_PerOsValues_AreSysFcntlAndErrno()
    {
        var freeBsd = new FreeBsdKvpDialect();

        ((int)freeBsd.O_CREAT).Should().Be(0x200);
        ((int)freeBsd.O_EXCL).Should().Be(0x800);
        ((int)freeBsd.O_CLOEXEC).Should().Be(0x100000);
        ((int)freeBsd.O_NOFOLLOW).Should().Be(0x100);
        freeBsd.F_RDLCK.Should().Be(1);
        freeBsd.F_WRLCK.Should().Be(3);
        freeBsd.F_UNLCK.Should().Be(2);
        freeBsd.EAGAIN.Should().Be(35);
        freeBsd.ErrnoSymbolicLinkRefused.Should().Be(31, "EMLINK");
    }
#pragma warning restore CA1416
}
