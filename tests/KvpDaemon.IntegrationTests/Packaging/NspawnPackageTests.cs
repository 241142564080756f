// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

using KvpDaemon.Protocol;

namespace KvpDaemon.IntegrationTests.Packaging;

/// <summary>
/// The .deb under a real systemd: Debian 12 booted with systemd-nspawn (<see cref="NspawnPackageFixture"/> runs the
/// whole sequence once; each test checks one step). Bounds: 2 minutes per boot, 3 per apt command, 90 s for the
/// daemon to reach the simulator, 30 s for a unit to settle or a reload to be logged.
/// </summary>
public sealed class NspawnPackageTests : IClassFixture<NspawnPackageFixture>
{
    /// <summary>Far above the 0.5 s this boot takes, far below the 90 s a device job waits before it times out.</summary>
    private static readonly TimeSpan NoStall = TimeSpan.FromSeconds(60);

    private readonly NspawnReport _report;

    public NspawnPackageTests(NspawnPackageFixture fixture)
    {
        _report = fixture.Report;
    }

    [NspawnFact]
    public void Boot_WithoutThePackage_ReachesRunning()
    {
        _report.FirstBootState.Should().Be("running", "{0}", _report);
        _report.FirstBootTime.Should().BeLessThan(NoStall);
    }

    [NspawnFact]
    public void Install_WithoutTheDevice_SucceedsCleanlyAndStartsNothing()
    {
        _report.InstallWithoutDevice!.ExitCode.Should().Be(0, "{0}", _report);
        // udevd does not run in the container: postinst must not call udevadm control there and print its failure.
        _report.InstallWithoutDevice.Output.Should().NotContain("udevadm").And.NotContain("Failed to");
        _report.InstallWithoutDevice.Error.Should().NotContain("udevadm").And.NotContain("Failed to");
        _report.StateWithoutDevice.Should().Be("inactive", "{0}", _report);
    }

    [NspawnFact]
    public void Install_CreatesThePoolDirectoryAndFilesWithTheirModes()
    {
        _report.PoolModes.Split('\n').Should().Equal(
            "755 root /var/lib/hyperv",
            "644 root /var/lib/hyperv/.kvp_pool_0",
            "644 root /var/lib/hyperv/.kvp_pool_1",
            "644 root /var/lib/hyperv/.kvp_pool_2",
            "644 root /var/lib/hyperv/.kvp_pool_3",
            "644 root /var/lib/hyperv/.kvp_pool_4");
    }

    [NspawnFact]
    public void Install_WithTheDevice_StartsTheDaemonWhichRegistersAndIsReady()
    {
        _report.InstallWithDevice!.ExitCode.Should().Be(0, "{0}", _report);
        // The message deb-systemd-invoke prints when it skips a static unit: the bug this install must not show.
        _report.InstallWithDevice.Output.Should().NotContain("not starting it");
        _report.RegisteredAfterInstall.Should().BeTrue("the daemon must connect to the device and register: {0}", _report);
        _report.StateWithDevice.Should().Be("active", "Type=notify: active only after READY=1, {0}", _report);
    }

    [NspawnFact]
    public void HardenedUnit_WritesThePoolFileForTheHost()
    {
        _report.HostWriteStatus.Should().Be(HvStatus.HV_S_OK, "{0}", _report);
        _report.PoolHoldsHostWrite.Should().BeTrue("{0}", _report);
    }

    [NspawnFact]
    public void Upgrade_RestartsTheDaemonExactlyOnce()
    {
        _report.Upgrade!.ExitCode.Should().Be(0, "{0}", _report);
        _report.VersionAfterUpgrade.Should().EndWith("+1");
        _report.RegisteredAfterUpgrade.Should().BeTrue("the new daemon registers again: {0}", _report);
        _report.StartsAfterUpgrade.Should().Be(_report.StartsBeforeUpgrade + 1, "{0}", _report);
    }

    [NspawnFact]
    public void Reload_ReloadsTheSameProcess()
    {
        // `systemctl reload` returns once ExecReload (kill -HUP) has sent the signal, before the daemon has reloaded
        // (systemd 252 has no Type=notify-reload); packaging/README.md says so. What must hold: the reload happens,
        // and in the same process.
        _report.Reload!.ExitCode.Should().Be(0, "{0}", _report);
        _report.ReloadLogged.Should().BeTrue("the daemon logs 'Configuration reloaded': {0}", _report);
        _report.SamePidAfterReload.Should().BeTrue("{0}", _report);
    }

    [NspawnFact]
    public void Reboot_WithThePackageInstalled_DoesNotStall()
    {
        _report.SecondBootState.Should().Be("running", "{0}", _report);
        _report.SecondBootTime.Should().BeLessThan(NoStall);
        _report.JobsAfterSecondBoot.Should().BeEmpty("no start job may wait for a device: {0}", _report);
        _report.PoolHoldsHostWriteAfterReboot.Should().BeTrue("the pool files survive a reboot: {0}", _report);
    }

    [NspawnFact]
    public void Remove_StopsTheDaemonAndKeepsThePoolFiles()
    {
        _report.Remove!.ExitCode.Should().Be(0, "{0}", _report);
        _report.StateAfterRemove.Should().BeOneOf("inactive", string.Empty);
        _report.PoolHoldsHostWriteAfterRemove.Should().BeTrue("{0}", _report);
    }

    [NspawnFact]
    public void Purge_RemovesTheConfigurationAndKeepsThePoolFiles()
    {
        _report.Purge!.ExitCode.Should().Be(0, "{0}", _report);
        _report.ConfigurationGoneAfterPurge.Should().BeTrue("{0}", _report);
        _report.PoolFilesAfterPurge.Split('\n').Should().Contain([".kvp_pool_0", ".kvp_pool_1", ".kvp_pool_2", ".kvp_pool_3", ".kvp_pool_4"]);
        _report.PoolHoldsHostWriteAfterPurge.Should().BeTrue("{0}", _report);
    }
}
