// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

using System.Text;
using KvpDaemon.Intrinsic;

namespace KvpDaemon.Tests.Intrinsic;

public sealed class OsReleaseParserTests
{
    private static byte[] Sample(string name) =>
        File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Samples", "Intrinsic", name));

    [Theory]
    [InlineData("os-release/debian-12", "Debian GNU/Linux", "12")]
    [InlineData("os-release/ubuntu-22.04", "Ubuntu", "22.04")]
    [InlineData("os-release/rhel-9", "Red Hat Enterprise Linux", "9.4")]
    [InlineData("os-release/alpine-3.20", "Alpine Linux", "3.20.3")]
    // '#' lines are skipped even when they set NAME or VERSION_ID after the real ones.
    [InlineData("os-release/comments", "Fedora Linux", "40")]
    // \" is a literal quote, bare quotes vanish, \\ is a backslash; lines without '=' and keys that only start with
    // NAME (or have a leading space) are ignored.
    [InlineData("os-release/malformed", "Weird \"Quoted\" Linux", "its 1.0\\2 beta")]
    public void Parse_Sample_ReturnsNameAndVersionId(string sample, string name, string versionId)
    {
        var release = OsReleaseParser.Parse(Sample(sample));

        release.Should().Be(new OsRelease(name, versionId));
    }

    [Fact]
    public void Parse_SampleWithoutName_LeavesNameNull()
    {
        var release = OsReleaseParser.Parse(Sample("os-release/no-name"));

        release.Should().Be(new OsRelease(null, "7"));
    }

    [Theory]
    // Quotes and newlines are deleted anywhere in the value, not only around it.
    [InlineData("NAME=a'b\"c\n", "abc")]
    // A backslash before a newline keeps the newline (the reference copies the next byte whatever it is).
    [InlineData("NAME=x\\\n", "x\n")]
    // A trailing backslash at the end of the file ends the value.
    [InlineData("NAME=x\\", "x")]
    // Only the first '=' splits.
    [InlineData("NAME=a=b\n", "a=b")]
    // Later lines win.
    [InlineData("NAME=first\nNAME=second\n", "second")]
    // An empty value is a value.
    [InlineData("NAME=\n", "")]
    // No trailing newline at the end of the file.
    [InlineData("NAME=last", "last")]
    // Keys are case-sensitive.
    [InlineData("name=lower\n", null)]
    // Windows line ends: the CR is not deleted.
    [InlineData("NAME=crlf\r\n", "crlf\r")]
    public void Parse_Value_FollowsTheReferenceRules(string content, string? name)
    {
        OsReleaseParser.Parse(Encoding.UTF8.GetBytes(content)).Name.Should().Be(name);
    }

    [Fact]
    public void Parse_NulInLine_EndsTheLineThere()
    {
        OsReleaseParser.Parse("NAME=abc\0def\nVERSION_ID=1\n"u8).Should().Be(new OsRelease("abc", "1"));
    }

    [Fact]
    public void Parse_LineLongerThan511Bytes_IsCutAt511()
    {
        var content = "NAME=" + new string('a', 600) + "\n";

        var release = OsReleaseParser.Parse(Encoding.ASCII.GetBytes(content));

        // fgets into char[512] returns 511 bytes; the rest (94 'a' and the newline) is a line without '='.
        release.Name.Should().Be(new string('a', OsReleaseParser.MaxLineBytes - "NAME=".Length));
    }

    [Fact]
    public void Parse_ContinuationOfLongLine_IsParsedAsALineOfItsOwn()
    {
        var content = "X=" + new string('a', OsReleaseParser.MaxLineBytes - 2) + "VERSION_ID=5\n";

        OsReleaseParser.Parse(Encoding.ASCII.GetBytes(content)).VersionId.Should().Be("5");
    }

    [Fact]
    public void Parse_NonAsciiValue_DecodesUtf8()
    {
        OsReleaseParser.Parse("NAME=\"Linux für alle\"\n"u8).Name.Should().Be("Linux für alle");
    }

    [Fact]
    public void Parse_Empty_ReturnsNothing()
    {
        OsReleaseParser.Parse([]).Should().Be(new OsRelease(null, null));
    }

    [Fact]
    public void ParseLegacyRelease_SuseSample_ReturnsThreeLinesVerbatim()
    {
        OsReleaseParser.ParseLegacyRelease(Sample("legacy/SuSE-release")).Should().Equal(
            "SUSE Linux Enterprise Server 11 (x86_64)",
            "VERSION = 11",
            "PATCHLEVEL = 4");
    }

    [Fact]
    public void ParseLegacyRelease_RedHatSample_ReturnsOneLine()
    {
        OsReleaseParser.ParseLegacyRelease(Sample("legacy/redhat-release")).Should().Equal("CentOS release 6.10 (Final)");
    }

    [Fact]
    public void ParseLegacyRelease_MoreThanThreeLines_ReturnsTheFirstThree()
    {
        OsReleaseParser.ParseLegacyRelease("a\nb\n\nd\n"u8).Should().Equal("a", "b", "");
    }

    [Fact]
    public void ParseLegacyRelease_QuotesAndBackslashes_AreKept()
    {
        OsReleaseParser.ParseLegacyRelease("\"Name\" \\1"u8).Should().Equal("\"Name\" \\1");
    }
}
