// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

using System.Net;
using System.Runtime.Versioning;
using KvpDaemon.Network;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace KvpDaemon.Tests.Network;

[SupportedOSPlatform("linux")]
public sealed class LinuxNetworkInspectorTests : IDisposable
{
    private const string Uuid = "5fb06bd0-0bb0-7ffb-45f1-d6edd65f3e03";

    private readonly TemporaryRoot _root = new();

    public void Dispose() => _root.Dispose();

    private static IReadOnlyDictionary<string, IReadOnlyList<InterfaceAddress>> Addresses() =>
        new Dictionary<string, IReadOnlyList<InterfaceAddress>>
        {
            ["lo"] = [new(IPAddress.Loopback, 8)],
            ["eth1"] = [new(IPAddress.Parse("192.0.2.10"), 24), new(IPAddress.Parse("fd00::10"), 64)],
            ["eth10"] = [new(IPAddress.Parse("192.168.0.20"), 24)],
        };

    private LinuxNetworkInspector Inspector(ILogger? logger = null) =>
        new(logger ?? NullLogger.Instance, _root.Path, Addresses);

    private TemporaryRoot StandardTree() => _root
        .Interface("lo", 1, "00:00:00:00:00:00", "0x9")
        .Interface("eth1", 2, "00:15:5d:0a:0b:01")
        .Interface("eth10", 11, "00:15:5d:0a:0b:10", "0x1002")
        .Interface("tun0", 12, string.Empty, "0x1091")
        .Write("/sys/class/net/bonding_masters", "bond0\n")
        .WriteSample("/proc/net/route", "proc_net_route.txt")
        .WriteSample("/proc/net/ipv6_route", "proc_net_ipv6_route.txt")
        .WriteSample("/etc/resolv.conf", "resolv.conf");

    [Fact]
    public void GetSnapshot_SampleTree_InterfacesFlagsMacsAndPerInterfaceGateways()
    {
        StandardTree();

        var snapshot = Inspector().GetSnapshot();

        snapshot.Interfaces.Select(item => item.Name).Should().Equal("lo", "eth1", "eth10", "tun0");
        var lo = snapshot.Interfaces[0];
        lo.IsLoopback.Should().BeTrue();
        lo.IsUp.Should().BeTrue();
        var eth1 = snapshot.Interfaces[1];
        eth1.Index.Should().Be(2);
        eth1.Mac.ToString().Should().Be("00:15:5D:0A:0B:01");
        eth1.IsLoopback.Should().BeFalse();
        eth1.Addresses.Should().HaveCount(2);
        eth1.DefaultGateways.Should().Equal(IPAddress.Parse("192.0.2.1"), IPAddress.Parse("fd00::1"));
        var eth10 = snapshot.Interfaces[2];
        eth10.IsUp.Should().BeFalse();
        eth10.DefaultGateways.Should().Equal(IPAddress.Parse("192.168.0.1"), IPAddress.Parse("fe80::1"));
        snapshot.Interfaces[3].Mac.Should().BeNull();
        snapshot.Interfaces[3].Addresses.Should().BeEmpty();

        // eth1's IPv4 default has the lower metric (50 against 100).
        snapshot.DefaultRouteInterface.Should().Be("eth1");
    }

    [Fact]
    public void GetSnapshot_NoProcFiles_NoGateways()
    {
        _root.Interface("eth1", 2, "00:15:5d:0a:0b:01");

        var snapshot = Inspector().GetSnapshot();

        snapshot.Interfaces.Should().ContainSingle().Which.DefaultGateways.Should().BeEmpty();
        snapshot.DefaultRouteInterface.Should().BeNull();
    }

    [Fact]
    public void GetConfiguration_ResolvedPerLink_WinsOverResolvConf()
    {
        StandardTree().WriteSample("/run/systemd/resolve/netif/2", "resolved_netif.txt");
        var inspector = Inspector();
        var snapshot = inspector.GetSnapshot();

        inspector.GetConfiguration(snapshot.Interfaces[1]).DnsServers.Should().Equal(
            IPAddress.Parse("10.1.0.53"), IPAddress.Parse("2001:db8::1"), IPAddress.Parse("1.1.1.1"));

        // eth10 has no per-link state: the global resolv.conf.
        inspector.GetConfiguration(snapshot.Interfaces[2]).DnsServers.Should().HaveCount(4)
            .And.StartWith(IPAddress.Parse("10.0.0.2"));
    }

    [Fact]
    public void GetConfiguration_ResolvConfIsTheStub_UsesResolvedUpstreamServers()
    {
        StandardTree()
            .Write("/etc/resolv.conf", "nameserver 127.0.0.53\noptions edns0 trust-ad\n")
            .Write("/run/systemd/resolve/resolv.conf", "nameserver 168.63.129.16\n");

        var inspector = Inspector();
        inspector.GetConfiguration(inspector.GetSnapshot().Interfaces[1]).DnsServers
            .Should().Equal(IPAddress.Parse("168.63.129.16"));
    }

    [Fact]
    public void GetConfiguration_NetworkdLease_DhcpEnabledAndLinkDns()
    {
        StandardTree().WriteSample("/run/systemd/netif/links/2", "networkd_link.txt");

        var inspector = Inspector();
        var configuration = inspector.GetConfiguration(inspector.GetSnapshot().Interfaces[1]);

        configuration.Dhcp.Should().Be(DhcpState.Enabled);
        configuration.DnsServers.Should().Equal(IPAddress.Parse("168.63.129.16"), IPAddress.Parse("10.0.0.2"));
    }

    [Theory]
    [InlineData("networkd_static.network", "Disabled")]
    [InlineData("networkd_dhcp.network", "Enabled")]
    public void GetConfiguration_NetworkdWithoutLease_ReadsTheNetworkFile(string networkFile, string expected)
    {
        StandardTree()
            .WriteSample("/run/systemd/netif/links/2", "networkd_link_static.txt")
            .WriteSample("/etc/systemd/network/20-eth1.network", networkFile);

        var inspector = Inspector();
        inspector.GetConfiguration(inspector.GetSnapshot().Interfaces[1]).Dhcp.Should().Be(Enum.Parse<DhcpState>(expected));
    }

    [Fact]
    public void GetConfiguration_NetworkManagerKeyfile_Decides()
    {
        StandardTree()
            .WriteSample("/run/NetworkManager/devices/2", "nm_device.txt")
            .WriteSample("/etc/NetworkManager/system-connections/static.nmconnection", "nm_manual.nmconnection")
            .WriteSample("/etc/NetworkManager/system-connections/Wired connection 1.nmconnection", "nm_auto.nmconnection");

        var inspector = Inspector();
        inspector.GetConfiguration(inspector.GetSnapshot().Interfaces[1]).Dhcp.Should().Be(DhcpState.Enabled);
    }

    [Fact]
    public void GetConfiguration_NetworkManagerWithoutKeyfile_UsesTheInternalLease()
    {
        StandardTree()
            .WriteSample("/run/NetworkManager/devices/2", "nm_device.txt")
            .Write($"/var/lib/NetworkManager/internal-{Uuid}-eth1.lease", "ADDRESS=192.0.2.10\n");

        var inspector = Inspector();
        inspector.GetConfiguration(inspector.GetSnapshot().Interfaces[1]).Dhcp.Should().Be(DhcpState.Enabled);
    }

    [Fact]
    public void GetConfiguration_Ifupdown_ExactInterfaceName()
    {
        StandardTree().WriteSample("/etc/network/interfaces", "ifupdown_interfaces.txt");

        var inspector = Inspector();
        var snapshot = inspector.GetSnapshot();
        inspector.GetConfiguration(snapshot.Interfaces[1]).Dhcp.Should().Be(DhcpState.Disabled);
        inspector.GetConfiguration(snapshot.Interfaces[2]).Dhcp.Should().Be(DhcpState.Enabled);
    }

    [Fact]
    public void GetConfiguration_IfupdownDirectory_IsRead()
    {
        StandardTree()
            .Write("/etc/network/interfaces", "source /etc/network/interfaces.d/*\n")
            .Write("/etc/network/interfaces.d/50-cloud-init", "auto eth1\niface eth1 inet dhcp\n");

        var inspector = Inspector();
        inspector.GetConfiguration(inspector.GetSnapshot().Interfaces[1]).Dhcp.Should().Be(DhcpState.Enabled);
    }

    [Fact]
    public void GetConfiguration_Ifcfg_Decides()
    {
        StandardTree().WriteSample("/etc/sysconfig/network-scripts/ifcfg-eth1", "ifcfg-eth1.txt");

        var inspector = Inspector();
        inspector.GetConfiguration(inspector.GetSnapshot().Interfaces[1]).Dhcp.Should().Be(DhcpState.Disabled);
    }

    [Theory]
    [InlineData("/var/lib/dhcp/dhclient.leases")]
    [InlineData("/var/lib/dhclient/dhclient-eth1.leases")]
    public void GetConfiguration_DhclientLease_Enabled(string leaseFile)
    {
        StandardTree().WriteSample(leaseFile, "dhclient.leases");

        var inspector = Inspector();
        inspector.GetConfiguration(inspector.GetSnapshot().Interfaces[1]).Dhcp.Should().Be(DhcpState.Enabled);
    }

    [Fact]
    public void GetConfiguration_DhcpcdLease_Enabled()
    {
        StandardTree().Write("/var/lib/dhcpcd/eth1.lease", "binary");

        var inspector = Inspector();
        var snapshot = inspector.GetSnapshot();
        inspector.GetConfiguration(snapshot.Interfaces[1]).Dhcp.Should().Be(DhcpState.Enabled);
        inspector.GetConfiguration(snapshot.Interfaces[2]).Dhcp.Should().Be(DhcpState.Unknown);
    }

    [Fact]
    public void GetConfiguration_UnknownDhcp_LoggedOncePerInterface()
    {
        StandardTree();
        var logger = new CountingLogger();
        var inspector = Inspector(logger);
        var snapshot = inspector.GetSnapshot();

        for (var i = 0; i < 3; i++)
        {
            inspector.GetConfiguration(snapshot.Interfaces[1]).Dhcp.Should().Be(DhcpState.Unknown);
            inspector.GetConfiguration(snapshot.Interfaces[2]).Dhcp.Should().Be(DhcpState.Unknown);
        }

        logger.EventIds.Should().Equal(608, 608);
    }

    /// <summary>The real /sys and /proc of this machine: the loopback interface is always there.</summary>
    [Fact]
    public void RealSystem_FindsLoopbackWithItsAddress()
    {
        var inspector = new LinuxNetworkInspector(NullLogger<LinuxNetworkInspector>.Instance);

        var snapshot = inspector.GetSnapshot();

        var lo = snapshot.Interfaces.Should().Contain(item => item.Name == "lo").Which;
        lo.IsLoopback.Should().BeTrue();
        lo.Index.Should().BeGreaterThan(0);
        lo.Addresses.Should().Contain(new InterfaceAddress(IPAddress.Loopback, 8));
        inspector.GetConfiguration(lo).Should().NotBeNull();
    }

    private sealed class CountingLogger : ILogger
    {
        public List<int> EventIds { get; } = [];

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (logLevel >= LogLevel.Information)
            {
                EventIds.Add(eventId.Id);
            }
        }
    }
}
