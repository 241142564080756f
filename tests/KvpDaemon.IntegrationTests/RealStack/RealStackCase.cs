// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

namespace KvpDaemon.IntegrationTests.RealStack;

/// <summary>
/// One SET_IP_INFO request of the unit tests' golden matrix (tests/KvpDaemon.Tests/IpConfig/BackendGoldenTests.cs,
/// same names and values) and the state the guest must then be in. For DHCP the address is the one dnsmasq leases,
/// matched by <see cref="DhcpAddressPrefix"/>.
/// </summary>
internal sealed record RealStackCase(
    string Name,
    bool Dhcp,
    string Addresses,
    string Subnets,
    string Gateways,
    string Dns,
    string[] ExpectedAddresses,
    string[] ExpectedDefault4,
    string[] ExpectedDefault6,
    string[] ExpectedNameServers)
{
    /// <summary>What a dnsmasq lease looks like on eth1.</summary>
    public const string DhcpAddressPrefix = "192.0.2.1";

    public static readonly IReadOnlyDictionary<string, RealStackCase> All = new[]
    {
        new RealStackCase(
            "single-ipv4", false, "192.168.1.10", "255.255.255.0", "192.168.1.1", "192.168.1.1",
            ["192.168.1.10/24"], ["192.168.1.1 eth1"], [], ["192.168.1.1"]),
        new RealStackCase(
            "multiple-ipv4", false, "10.0.0.5;10.0.0.6; 10.1.0.5", "255.255.255.0;255.255.255.0;255.255.0.0", "10.0.0.1", "10.0.0.2;10.0.0.3",
            ["10.0.0.5/24", "10.0.0.6/24", "10.1.0.5/16"], ["10.0.0.1 eth1"], [], ["10.0.0.2", "10.0.0.3"]),
        new RealStackCase(
            "ipv6-only", false, "2001:db8:1::5;2001:DB8:2::5", "64;/48", "fe80::1", "2001:4860:4860::8888",
            ["2001:db8:1::5/64", "2001:db8:2::5/48"], [], ["fe80::1 eth1"], ["2001:4860:4860::8888"]),
        new RealStackCase(
            "mixed", false, "2001:db8::20;172.16.0.20", "ffff:ffff:ffff:ffff::;255.255.0.0", "2001:db8::1;172.16.0.1", "2001:db8::53;172.16.0.53",
            ["172.16.0.20/16", "2001:db8::20/64"], ["172.16.0.1 eth1"], ["2001:db8::1 eth1"], ["2001:db8::53", "172.16.0.53"]),
        new RealStackCase(
            "dhcp", true, string.Empty, string.Empty, string.Empty, string.Empty,
            [DhcpAddressPrefix], [RealStackNetwork.DhcpRouter + " eth1"], [], [RealStackNetwork.DhcpNameServer]),
        new RealStackCase(
            "protocol-6-2", false, "192.168.1.10;192.168.1.11;2001:db8::10", "255.255.255.0;255.255.255.0;64", "192.168.1.1;2001:db8::1",
            "8.8.8.8;2001:4860:4860::8888",
            ["192.168.1.10/24", "192.168.1.11/24", "2001:db8::10/64"], ["192.168.1.1 eth1"], ["2001:db8::1 eth1"], ["8.8.8.8", "2001:4860:4860::8888"]),
    }.ToDictionary(c => c.Name);

    public static TheoryData<string> Names()
    {
        var data = new TheoryData<string>();
        foreach (var name in All.Keys)
        {
            data.Add(name);
        }

        return data;
    }

    /// <summary>Sends the case to the daemon and checks the answer and every part of the guest's state.</summary>
    public async Task ApplyAndVerifyAsync(RealStackNetwork network)
    {
        var reply = await network.SetIpInfoAsync(Dhcp, Addresses, Subnets, Gateways, Dns);
        reply.Should().Be(Protocol.KvpStatusReply.Ok, network.Describe());
        Verify(network);
    }

    /// <summary>The guest holds exactly this case's configuration, with a DHCP client only when it is a DHCP case.</summary>
    public void Verify(RealStackNetwork network)
    {
        var because = $"case {Name}; {network.Describe()}";
        var addresses = network.Addresses();
        if (Dhcp)
        {
            addresses.Should().ContainSingle(because).Which.Should().StartWith(DhcpAddressPrefix).And.EndWith("/24");
            network.DhcpClients().Should().ContainSingle(because);
        }
        else
        {
            addresses.Should().BeEquivalentTo(ExpectedAddresses, because);
            network.DhcpClients().Should().BeEmpty(because);
        }

        network.Guest.DefaultRoutes("-4").Should().BeEquivalentTo(ExpectedDefault4, because);
        network.Guest.DefaultRoutes("-6").Should().BeEquivalentTo(ExpectedDefault6, because);
        if (network.ManagesResolvConf || Dhcp)
        {
            network.NameServers().Should().Equal(ExpectedNameServers, because);
        }
    }
}
