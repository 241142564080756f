// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

namespace KvpDaemon.IntegrationTests.Packaging;

/// <summary>
/// The systemd unit and tmpfiles.d snippet of packaging/, checked by systemd's own tools against a temporary root
/// directory: nothing is installed on, or started in, the machine running the tests.
/// </summary>
public sealed class SystemdUnitTests : IDisposable
{
    private static readonly TimeSpan RunTimeout = TimeSpan.FromMinutes(1);
    private readonly string _root = Directory.CreateTempSubdirectory("kvpd-systemd-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [PackagingFact("systemd-analyze", "cp")]
    public void Unit_SystemdAnalyzeVerify_ReportsNothing()
    {
        // verify resolves ExecStart=, ExecReload= and the unit's dependencies (sysinit.target, ...) inside --root: give
        // it the host's unit directory and executables /usr/sbin/hypervkvpd and /bin/kill. The man page check is left
        // to the man page.
        var hostUnits = new[] { "/lib/systemd/system", "/usr/lib/systemd/system" }.First(Directory.Exists);
        Directory.CreateDirectory(Path.Combine(_root, "lib", "systemd"));
        PackagingTools.Run("cp", ["-a", hostUnits, Path.Combine(_root, "lib", "systemd", "system")], RunTimeout)
            .ExitCode.Should().Be(0);
        foreach (var (directory, name) in new[] { (Path.Combine(_root, "usr", "sbin"), "hypervkvpd"), (Path.Combine(_root, "bin"), "kill") })
        {
            var executable = Path.Combine(Directory.CreateDirectory(directory).FullName, name);
            File.WriteAllText(executable, "#!/bin/sh\nexit 0\n");
            File.SetUnixFileMode(executable, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
                | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
        }

        var units = Directory.CreateDirectory(Path.Combine(_root, "etc", "systemd", "system")).FullName;
        File.Copy(Source("systemd/hypervkvpd.service"), Path.Combine(units, "hypervkvpd.service"));

        var result = PackagingTools.Run("systemd-analyze", ["verify", "--man=no", $"--root={_root}", "hypervkvpd.service"], RunTimeout);

        // Unknown keys and unparsable values are only warnings (exit 0), so the output must be empty too.
        result.ExitCode.Should().Be(0, "{0}", result);
        result.Error.Should().BeEmpty();
        result.Output.Should().BeEmpty();
    }

    [Fact]
    public void Unit_StartAndHardening_AreTheDocumentedOnes()
    {
        var directives = File.ReadAllLines(Source("systemd/hypervkvpd.service"))
            .Where(line => line.Length > 0 && !line.StartsWith('#'))
            .ToArray();

        // Started by udev only: an [Install] section (WantedBy=multi-user.target) is what stalls boot (E #1).
        directives.Should().NotContain("[Install]");
        directives.Should().NotContain(line => line.StartsWith("BindsTo=", StringComparison.Ordinal)
            || line.StartsWith("Requires=", StringComparison.Ordinal));
        directives.Should().Contain(new[]
        {
            "Type=notify", "ExecStart=/usr/sbin/hypervkvpd", "ExecReload=/bin/kill -HUP $MAINPID", "Restart=on-failure", "ConditionPathExists=/dev/vmbus/hv_kvp",
            "Conflicts=hv-kvp-daemon.service", "SyslogIdentifier=KVP", "ProtectSystem=strict",
        });
        // The NativeAOT binary unpacks nothing at start: no bundle-extraction directory.
        directives.Should().NotContain(line => line.StartsWith("CacheDirectory=", StringComparison.Ordinal)
            || line.Contains("DOTNET_BUNDLE_EXTRACT_BASE_DIR", StringComparison.Ordinal));
        // A frozen host name would go stale in pool 2. (The NativeAOT daemon has no JIT: MemoryDenyWriteExecute=true is on.)
        directives.Should().NotContain(line => line.StartsWith("ProtectHostname=", StringComparison.Ordinal));
    }

    [Fact]
    public void UdevRule_TagsTheKvpDevice_AndWantsTheService()
    {
        var rules = File.ReadAllLines(Source("udev/70-hypervkvpd.rules")).Where(line => line.Length > 0 && !line.StartsWith('#'));

        rules.Should().ContainSingle().Which.Should().Be(
            "SUBSYSTEM==\"misc\", KERNEL==\"vmbus/hv_kvp\", TAG+=\"systemd\", ENV{SYSTEMD_WANTS}+=\"hypervkvpd.service\"");
    }

    [PackagingFact("systemd-tmpfiles")]
    public void Tmpfiles_Create_MakesThePoolFiles_AndNeverTruncatesOrRemodesThem()
    {
        var pools = Path.Combine(_root, "var", "lib", "hyperv");

        CreateTmpfiles();
        File.GetUnixFileMode(pools).Should().Be((UnixFileMode)0b111_101_101);
        for (var pool = 0; pool < 5; pool++)
        {
            var file = Path.Combine(pools, $".kvp_pool_{pool}");
            File.GetUnixFileMode(file).Should().Be((UnixFileMode)0b110_100_100, file);
            new FileInfo(file).Length.Should().Be(0);
        }

        File.SetUnixFileMode(Path.Combine(pools, ".kvp_pool_0"), UnixFileMode.UserRead | UnixFileMode.UserWrite);
        File.WriteAllBytes(Path.Combine(pools, ".kvp_pool_1"), new byte[2560]);
        CreateTmpfiles();

        File.GetUnixFileMode(Path.Combine(pools, ".kvp_pool_0")).Should().Be(UnixFileMode.UserRead | UnixFileMode.UserWrite);
        new FileInfo(Path.Combine(pools, ".kvp_pool_1")).Length.Should().Be(2560);
    }

    private static string Source(string relative) => Path.Combine(PackagingTools.RepositoryRoot, "packaging", relative);

    private void CreateTmpfiles()
    {
        var result = PackagingTools.Run(
            "systemd-tmpfiles", ["--create", $"--root={_root}", Source("tmpfiles/hypervkvpd.conf")], RunTimeout);
        result.ExitCode.Should().Be(0, "{0}", result);
    }
}
