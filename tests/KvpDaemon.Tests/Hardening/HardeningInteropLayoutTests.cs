// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

using System.Runtime.InteropServices;
using KvpDaemon.Platform;

namespace KvpDaemon.Tests.Hardening;

/// <summary>
/// The <c>struct stat</c> fields the FreeBSD safe open reads, at their sys/stat.h offsets (docs/contributing.md rule 3), and the mode
/// decoding shared by both OSes.
/// </summary>
public sealed class HardeningInteropLayoutTests
{
    [Theory]
    [InlineData(nameof(Interop.Libc.FreeBsdStat.Links), 16)]
    [InlineData(nameof(Interop.Libc.FreeBsdStat.Mode), 24)]
    [InlineData(nameof(Interop.Libc.FreeBsdStat.Owner), 28)]
    public void FreeBsdStat_OwnershipField_IsAtItsSysStatOffset(string field, int offset)
    {
        Marshal.SizeOf<Interop.Libc.FreeBsdStat>().Should().Be(224);
        Marshal.OffsetOf<Interop.Libc.FreeBsdStat>(field).ToInt32().Should().Be(offset);
    }

    [Theory]
    [InlineData(0x81A4, FileFacts.RegularFile, "a regular file", 0x1A4)] // S_IFREG | 0644
    [InlineData(0x41ED, FileFacts.Directory, "a directory", 0x1ED)] // S_IFDIR | 0755
    [InlineData(0xA1FF, FileFacts.SymbolicLink, "a symbolic link", 0x1FF)] // S_IFLNK | 0777
    [InlineData(0x11A4, 0x1000, "a special file (type 01)", 0x1A4)] // S_IFIFO | 0644
    public void FromMode_SplitsTypeAndPermissions(int mode, int type, string description, int permissions)
    {
        var facts = FileFacts.FromMode(mode, 1, 0);

        facts.Type.Should().Be(type);
        facts.Describe().Should().Be(description);
        ((int)facts.Permissions).Should().Be(permissions);
    }

    [Fact]
    public void FactsOf_RealFile_MatchesLstat()
    {
        var dialect = KvpDialect.ForCurrentOperatingSystem();
        var path = Path.GetTempFileName();
        try
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead);
            using var handle = dialect.OpenReadOnly(path);

            var facts = dialect.FactsOf(handle);

            facts.Should().Be(dialect.FactsOfPath(path));
            facts.Should().Be(new FileFacts(FileFacts.RegularFile, 1, dialect.EffectiveUserId, (UnixFileMode)0x1A0));
        }
        finally
        {
            File.Delete(path);
        }
    }
}
