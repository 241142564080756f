// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

using System.Net;
using KvpDaemon.Network;

namespace KvpDaemon.Tests.Network;

public class LinuxRouteParserTests
{
    [Fact]
    public void ParseIPv4_Sample_KeepsExactInterfaceNamesAndGateways()
    {
        var routes = LinuxRouteParser.ParseIPv4(NetworkSamples.Read("proc_net_route.txt"), littleEndianHost: true);

        // The on-link route and the reject route of eth1 carry no gateway.
        routes.Should().Equal(
            new DefaultRoute("eth10", IPAddress.Parse("192.168.0.1"), 100),
            new DefaultRoute("eth1", IPAddress.Parse("192.0.2.1"), 50));
    }

    [Fact]
    public void ParseIPv4_BigEndianHost_ReadsTheValueInNetworkOrder()
    {
        const string text = "Iface\tDestination\tGateway\tFlags\tRefCnt\tUse\tMetric\tMask\n"
            + "eth0\t00000000\tC0000201\t0003\t0\t0\t0\t00000000\t0\t0\t0\n";
        LinuxRouteParser.ParseIPv4(text, littleEndianHost: false)
            .Should().ContainSingle().Which.Gateway.Should().Be(IPAddress.Parse("192.0.2.1"));
    }

    [Fact]
    public void ParseIPv4_MalformedLines_AreSkipped()
    {
        // Bad hex gateway, too few fields, a negative metric and a prose line are skipped; the good line stays.
        var routes = LinuxRouteParser.ParseIPv4(NetworkSamples.Read("proc_net_route_malformed.txt"), littleEndianHost: true);
        routes.Should().Equal(new DefaultRoute("eth2", IPAddress.Parse("192.168.1.1"), 0));
    }

    [Fact]
    public void ParseIPv4_Empty_IsEmpty()
    {
        LinuxRouteParser.ParseIPv4(string.Empty, littleEndianHost: true).Should().BeEmpty();
    }

    [Fact]
    public void ParseIPv6_Sample_OnlyGatewayDefaultsWithTheirDevice()
    {
        var routes = LinuxRouteParser.ParseIPv6(NetworkSamples.Read("proc_net_ipv6_route.txt"));

        // The lo "unreachable ::/0" route (RTF_REJECT, no next hop), on-link routes and malformed lines are skipped.
        routes.Should().Equal(
            new DefaultRoute("eth1", IPAddress.Parse("fd00::1"), 0x400),
            new DefaultRoute("eth10", IPAddress.Parse("fe80::1"), 0x400));
    }
}
