// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

using KvpDaemon.IpConfig;
using KvpDaemon.IpConfig.Backends;

namespace KvpDaemon.Tests.IpConfig;

/// <summary>
/// What surrounds the files the backends write (issue 13): other definitions of the same interface, file order, DNS
/// hooks and name-server order. The real-stack suite (tests/KvpDaemon.IntegrationTests/RealStack) runs ifupdown and
/// iproute2 for real; these cover every backend's planning, including those that need systemd or NetworkManager.
/// </summary>
public sealed class SurroundingConfigurationTests
{
    private const string DebianInterfaces =
        "source /etc/network/interfaces.d/*\n\nauto lo\niface lo inet loopback\n\nallow-hotplug eth0\niface eth0 inet dhcp\n    hostname vm\n\nauto eth1\niface eth1 inet dhcp\n";

    private static readonly IpSettings Static = IpSettingsParser.Parse(IpConfigTestSystem.Request("192.168.1.10", "255.255.255.0", "192.168.1.1", "192.168.1.1")).Settings!;

    [Fact]
    public void Ifupdown_DebianDefaultStanza_IsCommentedOutAndOtherInterfacesKept()
    {
        var plan = Plan(new IfupdownBackend(), new() { ["/etc/network/interfaces"] = DebianInterfaces });

        plan.Files.Single(f => f.Path == "/etc/network/interfaces").Content.Should().Be(
            "source /etc/network/interfaces.d/*\n\nauto lo\niface lo inet loopback\n\n" +
            "#hypervkvpd-disabled# allow-hotplug eth0\n#hypervkvpd-disabled# iface eth0 inet dhcp\n#hypervkvpd-disabled#     hostname vm\n" +
            "\nauto eth1\niface eth1 inet dhcp\n");
    }

    [Fact]
    public void IfupdownDisable_AutoLineWithSeveralInterfaces_KeepsTheOthers()
    {
        IfupdownBackend.Disable("auto lo eth0 eth1\n", "eth0").Should().Be("#hypervkvpd-disabled# auto lo eth0 eth1\nauto lo eth1\n");
        IfupdownBackend.Disable("auto eth10\niface eth10 inet dhcp\n", "eth1").Should().Be("auto eth10\niface eth10 inet dhcp\n");
    }

    [Fact]
    public void Ifupdown_CloudInitStanzaFile_IsDisabledToo()
    {
        var plan = Plan(new IfupdownBackend(), new()
        {
            ["/etc/network/interfaces"] = "source /etc/network/interfaces.d/*\n",
            ["/etc/network/interfaces.d/50-cloud-init"] = "auto eth0\niface eth0 inet dhcp\n",
        });

        plan.Files.Single(f => f.Path == "/etc/network/interfaces.d/50-cloud-init").Content.Should()
            .Be("#hypervkvpd-disabled# auto eth0\n#hypervkvpd-disabled# iface eth0 inet dhcp\n");
        plan.Files.Should().NotContain(f => f.Path == "/etc/network/interfaces", "the main file does not define eth0");
    }

    [Fact]
    public void Ifupdown_MainFileWithoutSourceLine_IsRefused()
    {
        var plan = () => Plan(new IfupdownBackend(), new() { ["/etc/network/interfaces"] = "auto lo\niface lo inet loopback\n" });

        plan.Should().Throw<InvalidOperationException>().WithMessage("*does not source /etc/network/interfaces.d*");
    }

    [Theory]
    [InlineData("/etc/network/if-up.d/000resolvconf")]
    [InlineData("/etc/network/if-up.d/resolved")]
    public void Ifupdown_DnsHookPresent_LeavesResolvConfToIt(string hook)
    {
        var plan = Plan(new IfupdownBackend(), new() { [hook] = "#!/bin/sh\n" });

        plan.Files.Should().NotContain(f => f.Path == "/etc/resolv.conf");
    }

    [Fact]
    public void Ifupdown_NoDnsHook_WritesResolvConf()
    {
        var plan = Plan(new IfupdownBackend(), []);

        plan.Files.Single(f => f.Path == "/etc/resolv.conf").Content.Should().Be("search example.com\nnameserver 192.168.1.1\n");
    }

    [Fact]
    public async Task Ifupdown_Apply_IfdownRunsBeforeTheNewStanzaIsWritten()
    {
        using var system = new IpConfigTestSystem();
        system.Options.Backend = IpConfigBackendNames.Ifupdown;
        var stanza = system.UnderRoot("/etc/network/interfaces.d/eth0");
        Directory.CreateDirectory(Path.GetDirectoryName(stanza)!);
        File.WriteAllText(stanza, "auto eth0\niface eth0 inet dhcp\n");
        var seen = new List<string>();
        system.Runner.OnRun = command => seen.Add($"{command[0]} sees {(File.ReadAllText(stanza).Contains("inet dhcp", StringComparison.Ordinal) ? "dhcp" : "static")}");

        var status = await system.ApplyAsync(IpConfigTestSystem.Request("192.168.1.10", "255.255.255.0"));

        status.Should().Be(KvpDaemon.Protocol.HvStatus.HV_S_OK);
        seen.Should().Equal("ifdown sees dhcp", "dhclient sees dhcp", "ifup sees static");
    }

    [Fact]
    public void Networkd_CloudInitFile_SortsAfterTheInjectedOne()
    {
        var plan = Plan(new NetworkdBackend(), new()
        {
            ["/etc/systemd/network/10-cloud-init-eth0.network"] = "[Match]\nName=eth0\n\n[Network]\nDHCP=ipv4\n",
        });

        var file = plan.Files.Should().ContainSingle().Subject;
        file.Path.Should().Be("/etc/systemd/network/00-hyperv-eth0.network");
        string.CompareOrdinal("00-hyperv-eth0.network", "10-cloud-init-eth0.network").Should().BeNegative();
        plan.RemovedFiles.Should().Equal("/etc/systemd/network/10-hyperv-eth0.network");
    }

    [Theory]
    [InlineData("[Match]\nName=eth*\n", true)]
    [InlineData("[Match]\nName=en* eth[0-3]\n", true)]
    [InlineData("[Match]\nMACAddress=00:15:5d:01:02:03\n", true)]
    [InlineData("[Match]\nType=ether\n", true)]
    [InlineData("[Match]\nName=!eth9\n", true)]
    [InlineData("[Match]\nName=eth9 en*\n", false)]
    [InlineData("[Match]\nName=eth[1-3]\n", false)]
    [InlineData("[Match]\nMACAddress=00:15:5d:99:99:99\n", false)]
    public void Networkd_EarlierFile_IsRefusedWhenItMayMatch(string match, bool refused)
    {
        var plan = () => Plan(new NetworkdBackend(), new() { ["/run/systemd/network/00-a.network"] = match + "\n[Network]\nDHCP=yes\n" });

        if (refused)
        {
            plan.Should().Throw<InvalidOperationException>().WithMessage("/run/systemd/network/00-a.network sorts before 00-hyperv-eth0.network*");
        }
        else
        {
            plan.Should().NotThrow();
        }
    }

    [Fact]
    public void Netplan_CloudInitYamlForTheInterface_IsRefusedWithItsName()
    {
        const string cloudInit = "network:\n  version: 2\n  ethernets:\n    eth0:\n      dhcp4: true\n      match:\n        macaddress: 00:15:5d:01:02:03\n      set-name: eth0\n";

        var plan = () => Plan(new NetplanBackend(), new() { ["/etc/netplan/50-cloud-init.yaml"] = cloudInit });

        plan.Should().Throw<InvalidOperationException>().WithMessage("/etc/netplan/50-cloud-init.yaml may also define eth0*");
    }

    [Fact]
    public void Netplan_OwnEarlierFileAndOtherInterfaces_AreNoObstacle()
    {
        var plan = Plan(new NetplanBackend(), new()
        {
            ["/etc/netplan/90-hyperv-eth0.yaml"] = "network:\n  ethernets:\n    eth0:\n      dhcp4: true\n",
            ["/etc/netplan/01-eth9.yaml"] = "network:\n  ethernets:\n    eth9:\n      dhcp4: true\n",
        });

        plan.Files.Should().ContainSingle().Which.Path.Should().Be("/etc/netplan/90-hyperv-eth0.yaml");
    }

    [Fact]
    public void DnsOrder_Ipv6BeforeIpv4_IsWarnedAboutForNetplanAndNetworkManager()
    {
        var mixed = IpSettingsParser.Parse(IpConfigTestSystem.Request("192.168.1.10", "255.255.255.0", "", "2001:db8::53;192.168.1.53")).Settings!;
        const string Expected = "keeps one name-server list per family: the host's order 2001:db8::53,192.168.1.53 is applied as 192.168.1.53,2001:db8::53";

        new NetplanBackend().Plan(new IpConfigRequest("eth0", null, mixed), IpConfigPlanContext.Empty).Warnings.Should().Equal("netplan " + Expected);
        new NetworkManagerBackend().Plan(new IpConfigRequest("eth0", null, mixed), IpConfigPlanContext.Empty).Warnings.Should().Equal("NetworkManager " + Expected);
        new NetplanBackend().Plan(new IpConfigRequest("eth0", null, Static), IpConfigPlanContext.Empty).Warnings.Should().BeEmpty();
    }

    private static IpConfigPlan Plan(IIpConfigBackend backend, Dictionary<string, string> files) =>
        backend.Plan(
            new IpConfigRequest("eth0", "00:15:5D:01:02:03", Static),
            new IpConfigPlanContext("search example.com\nnameserver 192.0.2.53\n") { SystemFiles = files });
}
