// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

using System.Text.RegularExpressions;

namespace KvpDaemon.IntegrationTests.Packaging;

/// <summary>
/// The Debian package built by packaging/build-deb.sh: its payload (paths, modes, owners), control area, and that
/// the extracted programs run. One build is shared by all tests (<see cref="DebPackageFixture"/>).
/// </summary>
public sealed class DebPackageTests : IClassFixture<DebPackageFixture>
{
    private static readonly TimeSpan RunTimeout = TimeSpan.FromMinutes(1);

    /// <summary>Every path the package must contain, with its `dpkg-deb -c` mode string; all owned by root/root.</summary>
    private static readonly Dictionary<string, string> ExpectedEntries = new(StringComparer.Ordinal)
    {
        ["./usr/sbin/hypervkvpd"] = "-rwxr-xr-x",
        ["./usr/bin/hvkvp"] = "-rwxr-xr-x",
        ["./usr/lib/hypervkvpd/"] = "drwxr-xr-x",
        ["./usr/lib/hypervkvpd/scripts/"] = "drwxr-xr-x",
        ["./usr/lib/hypervkvpd/scripts/hv_set_ifconfig"] = "-rwxr-xr-x",
        ["./lib/systemd/system/hypervkvpd.service"] = "-rw-r--r--",
        ["./lib/udev/rules.d/70-hypervkvpd.rules"] = "-rw-r--r--",
        ["./usr/lib/tmpfiles.d/hypervkvpd.conf"] = "-rw-r--r--",
        ["./etc/hypervkvpd/"] = "drwxr-xr-x",
        ["./etc/hypervkvpd/hypervkvpd.json"] = "-rw-r--r--",
        ["./usr/share/man/man8/hypervkvpd.8.gz"] = "-rw-r--r--",
        ["./usr/share/man/man1/hvkvp.1.gz"] = "-rw-r--r--",
        ["./usr/share/doc/hypervkvpd/copyright"] = "-rw-r--r--",
    };

    private readonly DebPackageFixture _deb;

    public DebPackageTests(DebPackageFixture deb)
    {
        _deb = deb;
    }

    [PackagingFact("dpkg-deb", "dotnet", "clang", NeedsManPages = true)]
    public void Contents_EveryExpectedPath_HasItsModeAndRootOwner()
    {
        var entries = ListContents();

        foreach (var (path, mode) in ExpectedEntries)
        {
            entries.Should().ContainKey(path);
            entries[path].Mode.Should().Be(mode, "the mode of {0}", path);
        }

        entries.Values.Select(entry => entry.Owner).Should().OnlyContain(owner => owner == "root/root");
        entries.Where(entry => entry.Value.Mode.StartsWith("-rwx", StringComparison.Ordinal)).Select(entry => entry.Key)
            .Should().OnlyContain(path => path.StartsWith("./usr/sbin/", StringComparison.Ordinal)
                || path.StartsWith("./usr/bin/", StringComparison.Ordinal)
                || path.StartsWith("./usr/lib/hypervkvpd/", StringComparison.Ordinal));
    }

    [PackagingFact("dpkg-deb", "dotnet", "clang", NeedsManPages = true)]
    public void Payload_IsAtMostFifteenMegabytes()
    {
        // Issue 11's target for what the .deb installs (docs/performance.md, "NativeAOT build"): a regression of the
        // binaries' size shows here, not months later in a figure.
        const long Limit = 15_000_000;
        var files = Directory.EnumerateFiles(_deb.ExtractedRoot, "*", SearchOption.AllDirectories)
            .Select(path => new FileInfo(path))
            .Where(file => file.LinkTarget is null)
            .ToList();

        files.Should().Contain(file => file.Name == "hypervkvpd", "the payload must hold the daemon, or the sum proves nothing");
        files.Sum(file => file.Length).Should().BeLessThanOrEqualTo(Limit);
    }

    [PackagingFact("dpkg-deb", "dotnet", "clang", NeedsManPages = true)]
    public void Contents_PoolDirectory_IsNotOwnedByThePackage()
    {
        // The pool files come from tmpfiles.d at run time; a packaged file would be deleted on removal, and the pool
        // directory is shared with cloud-init and others (docs/compatibility.md E #7, E #12).
        ListContents().Keys.Should().NotContain(path => path.StartsWith("./var/lib/hyperv", StringComparison.Ordinal));
    }

    [PackagingFact("dpkg-deb", "dotnet", "clang", NeedsManPages = true)]
    public void Control_Fields_NameTheVersionArchitectureAndRuntimeDependencies()
    {
        var expectedVersion = Regex.Match(
            File.ReadAllText(Path.Combine(PackagingTools.RepositoryRoot, "Directory.Build.props")),
            "<Version>([^<]+)</Version>").Groups[1].Value;

        Field("Package").Should().Be("hypervkvpd");
        Field("Version").Should().Be(expectedVersion);
        Field("Architecture").Should().Be("amd64");
        Field("Section").Should().Be("admin");
        // NativeAOT binaries link libc and libm only (zlib is linked in); procps for the unit's /bin/kill.
        Field("Depends").Should().Be("libc6 (>= 2.34), procps");
        Field("Conflicts").Should().BeEmpty("hyperv-daemons can stay installed for its VSS and fcopy daemons");
        Field("Maintainer").Should().MatchRegex("^.+ <.+@.+>$");
        _deb.PackagePath.Should().EndWith($"hypervkvpd_{expectedVersion}_amd64.deb");
    }

    [PackagingFact("dpkg-deb", "dotnet", "clang", NeedsManPages = true)]
    public void ControlArea_ConffilesAndMaintainerScripts_AreAsDocumented()
    {
        var control = Path.Combine(_deb.ScratchDirectory, "control");
        var result = PackagingTools.Run("dpkg-deb", ["-e", _deb.PackagePath, control], RunTimeout);
        result.ExitCode.Should().Be(0, "{0}", result);

        File.ReadAllLines(Path.Combine(control, "conffiles")).Should().Equal("/etc/hypervkvpd/hypervkvpd.json");
        foreach (var script in new[] { "postinst", "prerm", "postrm" })
        {
            File.GetUnixFileMode(Path.Combine(control, script)).Should().HaveFlag(UnixFileMode.UserExecute);
            PackagingTools.Run("sh", ["-n", Path.Combine(control, script)], RunTimeout).ExitCode.Should().Be(0, script);
        }

        var removals = File.ReadAllLines(Path.Combine(control, "postrm"))
            .Where(line => line.TrimStart().StartsWith("rm ", StringComparison.Ordinal)).ToArray();
        removals.Should().ContainSingle().Which.Should().Contain("/etc/hypervkvpd").And.Contain("/var/lib/hypervkvpd");
        removals[0].Should().NotMatchRegex("/var/lib/hyperv(/|\\s|$)", "purge must never remove the shared pool files");
        File.ReadAllText(Path.Combine(control, "postinst")).Should().Contain("systemd-tmpfiles --create")
            .And.Contain("/dev/vmbus/hv_kvp");
    }

    [PackagingFact("dpkg-deb", "dotnet", "clang", NeedsManPages = true)]
    public void Payload_ServiceUdevAndTmpfiles_AreTheFilesOfThisTree()
    {
        foreach (var (packaged, source) in new[]
        {
            ("lib/systemd/system/hypervkvpd.service", "packaging/systemd/hypervkvpd.service"),
            ("lib/udev/rules.d/70-hypervkvpd.rules", "packaging/udev/70-hypervkvpd.rules"),
            ("usr/lib/tmpfiles.d/hypervkvpd.conf", "packaging/tmpfiles/hypervkvpd.conf"),
            ("etc/hypervkvpd/hypervkvpd.json", "packaging/config/hypervkvpd.json"),
        })
        {
            File.ReadAllText(Path.Combine(_deb.ExtractedRoot, packaged))
                .Should().Be(File.ReadAllText(Path.Combine(PackagingTools.RepositoryRoot, source)), packaged);
        }
    }

    [PackagingFact("dpkg-deb", "dotnet", "clang", NeedsManPages = true)]
    public void Daemon_Version_ExitsZeroAndPrintsThePackageVersion()
    {
        var result = RunExtracted("usr/sbin/hypervkvpd", "--version");

        result.ExitCode.Should().Be(0, "{0}", result);
        result.Output.Trim().Should().StartWith(Field("Version"));
    }

    [PackagingFact("dpkg-deb", "dotnet", "clang", NeedsManPages = true)]
    public void Daemon_Help_ExitsZeroAndDescribesTheOptions()
    {
        var result = RunExtracted("usr/sbin/hypervkvpd", "--help");

        result.ExitCode.Should().Be(0, "{0}", result);
        result.Output.Should().Contain("--device").And.Contain("--pool-dir").And.Contain("--config");
    }

    [PackagingFact("dpkg-deb", "dotnet", "clang", NeedsManPages = true)]
    public void Cli_Help_ExitsZero()
    {
        var result = RunExtracted("usr/bin/hvkvp", "--help");

        result.ExitCode.Should().Be(0, "{0}", result);
    }

    [PackagingFact("dpkg-deb", "dotnet", "clang", NeedsManPages = true)]
    public void Contents_HostSimulator_IsNotInTheProductionPackage()
    {
        ListContents().Keys.Should().NotContain(path => path.Contains("hvkvp-sim", StringComparison.Ordinal));
    }

    [PackagingFact("dpkg-deb", "dotnet", "clang", NeedsManPages = true)]
    public void DaemonAndCli_AreNativeAotBinaries()
    {
        foreach (var program in new[] { "usr/sbin/hypervkvpd", "usr/bin/hvkvp" })
        {
            var bytes = File.ReadAllBytes(Path.Combine(_deb.ExtractedRoot, program));
            bytes.AsSpan(0, 4).ToArray().Should().Equal([0x7f, (byte)'E', (byte)'L', (byte)'F']);
            bytes.AsSpan().IndexOf("libhostfxr.so"u8).Should().Be(-1, "an apphost or single-file bundle looks for the .NET host; {0} must not", program);
        }
    }

    [PackagingFact("dpkg-deb", "dotnet", "clang", NeedsManPages = true)]
    public void Simulator_Demo_RunsThePackagedDaemonAndExitsZero()
    {
        var daemon = Path.Combine(_deb.ExtractedRoot, "usr", "sbin", "hypervkvpd");

        // The simulator is not packaged: the one built next to the tests drives the packaged daemon.
        var result = PackagingTools.Run(Path.Combine(AppContext.BaseDirectory, "hvkvp-sim"), ["demo", "--daemon", daemon], RunTimeout, null, _deb.ScratchDirectory);

        result.ExitCode.Should().Be(0, "{0}", result);
    }

    private ProcessResult RunExtracted(string program, params string[] arguments)
    {
        // Native binaries: nothing to unpack, no runtime to find, so no environment of their own.
        return PackagingTools.Run(Path.Combine(_deb.ExtractedRoot, program), arguments, RunTimeout, null, _deb.ScratchDirectory);
    }

    private string Field(string name)
    {
        var result = PackagingTools.Run("dpkg-deb", ["-f", _deb.PackagePath, name], RunTimeout);
        result.ExitCode.Should().Be(0, "{0}", result);
        return result.Output.Trim();
    }

    private Dictionary<string, (string Mode, string Owner)> ListContents()
    {
        var result = PackagingTools.Run("dpkg-deb", ["-c", _deb.PackagePath], RunTimeout);
        result.ExitCode.Should().Be(0, "{0}", result);
        var entries = new Dictionary<string, (string Mode, string Owner)>(StringComparer.Ordinal);
        foreach (var line in result.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            // "-rwxr-xr-x root/root  17102589 2026-11-22 03:47 ./usr/sbin/hypervkvpd"
            var match = Regex.Match(line, @"^(\S+)\s+(\S+)\s+\S+\s+\S+\s+\S+\s+(.+)$");
            match.Success.Should().BeTrue("every dpkg-deb -c line has six fields: {0}", line);
            entries[match.Groups[3].Value] = (match.Groups[1].Value, match.Groups[2].Value);
        }

        return entries;
    }
}
