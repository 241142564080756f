// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

using System.Runtime.InteropServices;

namespace KvpDaemon.Tests.Platform;

/// <summary>Pins the mirrored C structures to the sizes and offsets of the system headers (docs/contributing.md rule 3).</summary>
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
    [InlineData(nameof(Interop.Libc.FreeBsdStat.Inode), 8)]
    [InlineData(nameof(Interop.Libc.FreeBsdStat.ModifiedSeconds), 64)]
    [InlineData(nameof(Interop.Libc.FreeBsdStat.ChangedSeconds), 80)]
    [InlineData(nameof(Interop.Libc.FreeBsdStat.Size), 112)]
    public void FreeBsdStat_Field_IsAtItsSysStatOffset(string field, int offset)
    {
        Marshal.SizeOf<Interop.Libc.FreeBsdStat>().Should().Be(224);
        Marshal.OffsetOf<Interop.Libc.FreeBsdStat>(field).ToInt32().Should().Be(offset);
    }

    [Fact]
    public void PollFd_IsEightBytes() => Marshal.SizeOf<Interop.Libc.PollFd>().Should().Be(8);
}
