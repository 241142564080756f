// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

using KvpDaemon.Intrinsic;
using KvpDaemon.Tests.Intrinsic.Fakes;
using KvpDaemon.Tests.Infrastructure;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace KvpDaemon.Tests.Intrinsic;

public sealed class OsInfoReaderTests : IDisposable
{
    private readonly TempDirectory _root = new();

    public OsInfoReaderTests()
    {
        Directory.CreateDirectory(_root.Combine("etc"));
    }

    public void Dispose() => _root.Dispose();

    [Fact]
    public void ReadLinux_OsRelease_TakesNameAndVersionIdAndLeavesMinorEmpty()
    {
        CopySample("os-release/ubuntu-22.04", "os-release");
        CopySample("legacy/SuSE-release", "SuSE-release");

        var info = Reader(FakeUnameSource.Linux).ReadLinux();

        info.Should().Be(new OsInfo(
            OSBuildNumber: "6.8.0-45-generic",
            OSName: "Ubuntu",
            OSMajorVersion: "22.04",
            OSMinorVersion: "",
            OSVersion: "6.8.0",
            ProcessorArchitecture: "x86_64"));
    }

    [Fact]
    public void ReadLinux_OsReleaseWithoutName_KeepsSysname()
    {
        CopySample("os-release/no-name", "os-release");

        var info = Reader(FakeUnameSource.Linux).ReadLinux();

        info.OSName.Should().Be("Linux");
        info.OSMajorVersion.Should().Be("7");
    }

    [Fact]
    public void ReadLinux_SuseReleaseOnly_TakesThreeLines()
    {
        CopySample("legacy/SuSE-release", "SuSE-release");
        CopySample("legacy/redhat-release", "redhat-release");

        var info = Reader(FakeUnameSource.Linux).ReadLinux();

        info.OSName.Should().Be("SUSE Linux Enterprise Server 11 (x86_64)");
        info.OSMajorVersion.Should().Be("VERSION = 11");
        info.OSMinorVersion.Should().Be("PATCHLEVEL = 4");
    }

    [Fact]
    public void ReadLinux_RedHatReleaseOnly_TakesTheOneLine()
    {
        CopySample("legacy/redhat-release", "redhat-release");

        var info = Reader(FakeUnameSource.Linux).ReadLinux();

        info.OSName.Should().Be("CentOS release 6.10 (Final)");
        info.OSMajorVersion.Should().BeEmpty();
        info.OSMinorVersion.Should().BeEmpty();
    }

    [Fact]
    public void ReadLinux_NoReleaseFiles_UsesSysnameAndEmptyVersions()
    {
        var info = Reader(FakeUnameSource.Linux).ReadLinux();

        info.Should().Be(new OsInfo("6.8.0-45-generic", "Linux", "", "", "6.8.0", "x86_64"));
    }

    [Fact]
    public void ReadLinux_NoEtcDirectory_UsesSysname()
    {
        Directory.Delete(_root.Combine("etc"));

        Reader(FakeUnameSource.Linux).ReadLinux().OSName.Should().Be("Linux");
    }

    [Fact]
    public void ReadLinux_UnreadableOsRelease_FallsBackToLegacyFile()
    {
        // A directory cannot be read as a file, whoever runs the test (root ignores file modes).
        Directory.CreateDirectory(_root.Combine("etc/os-release"));
        CopySample("legacy/redhat-release", "redhat-release");

        Reader(FakeUnameSource.Linux).ReadLinux().OSName.Should().Be("CentOS release 6.10 (Final)");
    }

    [Theory]
    [InlineData("6.8.0-45-generic", "6.8.0")]
    [InlineData("5.15.153.1-microsoft-standard-WSL2", "5.15.153.1")]
    [InlineData("6.9.7", "6.9.7")]
    [InlineData("-rc1", "")]
    public void ReadLinux_Release_VersionIsCutAtFirstDashAndBuildIsWhole(string release, string version)
    {
        var info = Reader(FakeUnameSource.Linux with { Release = release }).ReadLinux();

        info.OSVersion.Should().Be(version);
        info.OSBuildNumber.Should().Be(release);
    }

    [Fact]
    public void ReadFreeBsd_Release_BuildAndVersionAreCutAtFirstDash()
    {
        // FreeBSD reads no release file, even when one exists.
        CopySample("os-release/debian-12", "os-release");

        var info = Reader(FakeUnameSource.FreeBsd).ReadFreeBsd();

        info.Should().Be(new OsInfo(
            OSBuildNumber: "14.1",
            OSName: "FreeBSD",
            OSMajorVersion: "",
            OSMinorVersion: "",
            OSVersion: "14.1",
            ProcessorArchitecture: "amd64"));
    }

    [Fact]
    public void ReadForCurrentOperatingSystem_ThisOs_ReadsItsWay()
    {
        CopySample("os-release/alpine-3.20", "os-release");

        var info = Reader(FakeUnameSource.Linux).ReadForCurrentOperatingSystem();

        // Linux reads os-release; FreeBSD keeps the sysname.
        info.OSName.Should().Be(OperatingSystem.IsLinux() ? "Alpine Linux" : "Linux");
    }

    [Fact]
    public void ReadOrEmpty_UnameFails_AnswersEmptyItemsAndLogsOneError()
    {
        var logger = new ListLogger<OsInfoReader>();
        var reader = new OsInfoReader(new FailingUnameSource(), _root.Path, logger);

        var info = reader.ReadOrEmpty();

        info.Should().Be(new OsInfo("", "", "", "", "", ""));
        logger.Entries.Should().ContainSingle().Which.Should().Be((LogLevel.Error, "The OS items cannot be read (uname: EFAULT); the intrinsic pool answers them empty"));
    }

    private OsInfoReader Reader(UnameInfo uname) =>
        new(new FakeUnameSource(uname), _root.Path, NullLogger<OsInfoReader>.Instance);

    private void CopySample(string sample, string etcName) =>
        File.Copy(Path.Combine(AppContext.BaseDirectory, "Samples", "Intrinsic", sample), _root.Combine(Path.Combine("etc", etcName)));

    private sealed class FailingUnameSource : IUnameSource
    {
        public UnameInfo GetUname() => throw new IOException("uname: EFAULT");
    }

    private sealed class ListLogger<T> : ILogger<T>
    {
        public List<(LogLevel Level, string Message)> Entries { get; } = [];

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Entries.Add((logLevel, formatter(state, exception)));
    }
}
