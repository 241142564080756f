// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

using System.Globalization;
using KvpDaemon.HostSimulator.Simulation;
using KvpDaemon.Protocol;

namespace KvpDaemon.IntegrationTests.Packaging;

/// <summary>
/// The .deb's whole life in a Debian 12 booted under systemd-nspawn, run once (on first use) for all
/// <see cref="NspawnPackageTests"/>: install without the KVP device, install with it, a host write through the
/// hardened unit, upgrade, reload, reboot, remove, purge. The device is the host simulator's socket on the host,
/// bind-mounted as /dev/vmbus/hv_kvp, and a drop-in points the unit's ExecStart at it (<c>--device unix:</c>); udevd
/// does not run in a container, so the postinst start is the only one, as on a guest whose device was there before
/// the package.
/// </summary>
public sealed class NspawnPackageFixture : IDisposable
{
    internal const string HostKey = "NspawnPackageTest";
    private const string Unit = "hypervkvpd.service";
    private static readonly TimeSpan RegistrationTimeout = TimeSpan.FromSeconds(90);
    private static readonly TimeSpan AptTimeout = TimeSpan.FromMinutes(3);
    private readonly Lazy<NspawnReport> _report;
    private readonly string _directory = PackageBuilds.Scratch("nspawn");

    public NspawnPackageFixture()
    {
        _report = new Lazy<NspawnReport>(() => RunAsync().GetAwaiter().GetResult());
    }

    /// <summary>Every step's outcome.</summary>
    public NspawnReport Report => _report.Value;

    public void Dispose()
    {
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a copy of a root file system left in /tmp is harmless.
        }
    }

    private async Task<NspawnReport> RunAsync()
    {
        var report = new NspawnReport();
        var root = Path.Combine(_directory, "root");
        var vmbus = Directory.CreateDirectory(Path.Combine(_directory, "vmbus")).FullName;
        NspawnRootfs.CopyTo(root);
        PrepareRoot(root);

        await using var simulator = KvpHostSimulator.Listen(Path.Combine(vmbus, "hv_kvp.sim"), KvpAbi.Linux);
        using (var container = Boot(root, vmbus, report, first: true))
        {
            // Without the device: the socket is not at /dev/vmbus/hv_kvp yet (it listens under another name).
            report.InstallWithoutDevice = container.Exec("apt-get install -y /root/hypervkvpd.deb", AptTimeout);
            report.Note("install without the device", report.InstallWithoutDevice);
            report.StateWithoutDevice = State(container);
            report.PoolModes = container.Exec("stat -c '%a %U %n' /var/lib/hyperv /var/lib/hyperv/.kvp_pool_*").Output.Trim();
            report.Note("state and pool modes", report.StateWithoutDevice + "\n" + report.PoolModes);
            report.Note("remove", container.Exec("apt-get remove -y hypervkvpd", AptTimeout));

            // With the device: the socket appears as /dev/vmbus/hv_kvp (a symbolic link in the bind-mounted directory).
            File.CreateSymbolicLink(Path.Combine(vmbus, "hv_kvp"), "hv_kvp.sim");
            report.InstallWithDevice = container.Exec("apt-get install -y /root/hypervkvpd.deb", AptTimeout);
            report.Note("install with the device", report.InstallWithDevice);
            report.RegisteredAfterInstall = await RegisteredAsync(simulator);
            report.StateWithDevice = WaitSettled(container);
            report.Note("state with the device", report.StateWithDevice + " " + Journal(container));

            // The hardened unit writes the pool file (ProtectSystem=true leaves /var writable).
            using (var guard = new CancellationTokenSource(TimeSpan.FromSeconds(30)))
            {
                var reply = await simulator.SendAsync(new KvpSetRequest(0, HostKey, "written through the hardened unit"), guard.Token);
                report.HostWriteStatus = reply.Status;
            }

            report.PoolHoldsHostWrite = PoolHoldsHostKey(container);

            report.StartsBeforeUpgrade = Starts(container);
            report.Upgrade = container.Exec("apt-get install -y /root/hypervkvpd-upgrade.deb", AptTimeout);
            report.Note("upgrade", report.Upgrade);
            report.RegisteredAfterUpgrade = await RegisteredAsync(simulator);
            WaitSettled(container);
            report.StartsAfterUpgrade = Starts(container);
            report.VersionAfterUpgrade = container.Exec("dpkg-query -W -f '${Version}' hypervkvpd").Output.Trim();

            var pid = MainPid(container);
            report.Reload = container.Exec(
                $"systemctl reload {Unit}; journalctl -b -u {Unit} -o cat | grep -c 'Configuration reloaded' || true");
            report.ReloadLoggedAtReturn = report.Reload.Output.Trim() != "0";
            report.ReloadLogged = container.Exec(
                $"for i in $(seq 1 300); do journalctl -b -u {Unit} -o cat | grep -q 'Configuration reloaded' && exit 0; sleep 0.1; done; exit 1")
                .ExitCode == 0;
            report.SamePidAfterReload = pid.Length > 0 && pid != "0" && MainPid(container) == pid;
            report.Note("reload", report.Reload + Journal(container));
        }

        using (var container = Boot(root, vmbus, report, first: false))
        {
            report.JobsAfterSecondBoot = container.Exec("systemctl list-jobs --no-legend").Output.Trim();
            report.PoolHoldsHostWriteAfterReboot = PoolHoldsHostKey(container);

            report.Remove = container.Exec("apt-get remove -y hypervkvpd", AptTimeout);
            report.Note("remove", report.Remove);
            report.StateAfterRemove = State(container);
            report.PoolHoldsHostWriteAfterRemove = PoolHoldsHostKey(container);
            report.Purge = container.Exec("apt-get purge -y hypervkvpd", AptTimeout);
            report.Note("purge", report.Purge);
            report.ConfigurationGoneAfterPurge = container.Exec("test ! -e /etc/hypervkvpd").ExitCode == 0;
            report.PoolFilesAfterPurge = container.Exec("ls -A /var/lib/hyperv").Output.Trim();
            report.PoolHoldsHostWriteAfterPurge = PoolHoldsHostKey(container);
        }

        return report;
    }

    /// <summary>The .deb, an "upgrade" .deb (the same payload repacked with version V+1), the simulator drop-in.</summary>
    private void PrepareRoot(string root)
    {
        var deb = PackageBuilds.Deb("amd64");
        File.Copy(deb, Path.Combine(root, "root", "hypervkvpd.deb"));
        var unpacked = Path.Combine(_directory, "upgrade");
        Run("dpkg-deb", "-R", deb, unpacked);
        var control = Path.Combine(unpacked, "DEBIAN", "control");
        File.WriteAllLines(control, File.ReadAllLines(control)
            .Select(line => line.StartsWith("Version: ", StringComparison.Ordinal) ? line + "+1" : line));
        Run("dpkg-deb", "--root-owner-group", "-Znone", "-b", unpacked, Path.Combine(root, "root", "hypervkvpd-upgrade.deb"));

        var dropIn = Directory.CreateDirectory(Path.Combine(root, "etc", "systemd", "system", Unit + ".d")).FullName;
        File.WriteAllText(Path.Combine(dropIn, "simulator.conf"),
            "# The KVP device of this test is the host simulator's socket.\n[Service]\nExecStart=\n" +
            "ExecStart=/usr/sbin/hypervkvpd --device unix:/dev/vmbus/hv_kvp\n");
    }

    private static NspawnContainer Boot(string root, string vmbus, NspawnReport report, bool first)
    {
        var container = NspawnContainer.Boot(root, Path.Combine(root, "..", first ? "console-1.log" : "console-2.log"), $"{vmbus}:/dev/vmbus");
        if (first)
        {
            report.FirstBootState = container.SystemState;
            report.FirstBootTime = container.BootTime;
        }
        else
        {
            report.SecondBootState = container.SystemState;
            report.SecondBootTime = container.BootTime;
        }

        report.Note(first ? "first boot" : "second boot", $"{container.SystemState} after {container.BootTime}");
        return container;
    }

    private static async Task<bool> RegisteredAsync(KvpHostSimulator simulator)
    {
        using var guard = new CancellationTokenSource(RegistrationTimeout);
        try
        {
            await simulator.WaitForRegistrationAsync(guard.Token);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    /// <summary>The unit's ActiveState once no job of it is queued (bounded: 30 s).</summary>
    private static string WaitSettled(NspawnContainer container) =>
        container.Exec(
            $"for i in $(seq 1 300); do [ -z \"$(systemctl list-jobs --no-legend {Unit})\" ] && break; sleep 0.1; done; " +
            $"systemctl show -p ActiveState --value {Unit}").Output.Trim();

    private static string State(NspawnContainer container) =>
        container.Exec($"systemctl show -p ActiveState --value {Unit}").Output.Trim();

    private static string MainPid(NspawnContainer container) =>
        container.Exec($"systemctl show -p MainPID --value {Unit}").Output.Trim();

    private static int Starts(NspawnContainer container) =>
        int.Parse(container.Exec($"journalctl -b -u {Unit} -o cat | grep -c '^Started {Unit}' || true").Output.Trim(), CultureInfo.InvariantCulture);

    private static string Journal(NspawnContainer container) =>
        container.Exec($"journalctl -b -u {Unit} -o cat --no-pager | tail -n 40").Output;

    private static bool PoolHoldsHostKey(NspawnContainer container) =>
        container.Exec($"tr -d '\\000' < /var/lib/hyperv/.kvp_pool_0 | grep -q {HostKey}").ExitCode == 0;

    private static void Run(string program, params string[] arguments)
    {
        var result = PackagingTools.Run(program, arguments, TimeSpan.FromMinutes(2));
        result.ExitCode.Should().Be(0, "{0} {1}: {2}", program, string.Join(' ', arguments), result);
    }
}
