// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

using KvpDaemon.Intrinsic;
using KvpDaemon.Network;
using KvpDaemon.Protocol;
using Microsoft.Extensions.Options;
using static KvpDaemon.Tests.Network.FakeNetworkInspector;

namespace KvpDaemon.Tests.Network;

public class InspectorAddressListSourceTests
{
    private static FakeNetworkInspector Host(string? defaultRoute) => new(
        defaultRoute,
        Interface("lo", "00:00:00:00:00:00", ["127.0.0.1/8", "::1/128"], loopback: true),
        Interface("docker0", "02:42:00:00:00:01", ["172.17.0.1/16", "fe80::42:1/64"]),
        Interface("eth0", "00:15:5D:00:00:01", ["10.0.0.4/24", "fe80::215:5dff:fe00:1/64", "2001:db8::4/64"]),
        Interface("eth1", "00:15:5D:00:00:02", ["192.0.2.10/24", "192.0.2.11/24", "2001:db8:1::10/64"]),
        Interface("veth12ab", "0A:00:00:00:00:01", ["169.254.1.1/16"]),
        Interface("br-5f3e", "02:42:00:00:00:02", ["172.18.0.1/16"]),
        Interface("wg0", null, ["10.8.0.2/24"]));

    private static IntrinsicAddressLists Lists(FakeNetworkInspector inspector, KvpAbi abi, string[]? exclude = null) =>
        new InspectorAddressListSource(inspector, abi, Options.Create(new NetworkOptions { ExcludeInterfaces = exclude }))
            .GetAddressLists();

    [Fact]
    public void GetAddressLists_Defaults_DefaultRouteFirstNoLoopbackNoContainersNoLinkLocal()
    {
        var lists = Lists(Host("eth1"), KvpAbi.Linux);

        lists.Should().Be(new IntrinsicAddressLists(
            "192.0.2.10;192.0.2.11;10.0.0.4;10.8.0.2",
            "2001:db8:1::10;2001:db8::4"));
    }

    [Fact]
    public void GetAddressLists_NoDefaultRoute_SystemOrder()
    {
        Lists(Host(null), KvpAbi.Linux).IPv4.Should().Be("10.0.0.4;192.0.2.10;192.0.2.11;10.8.0.2");
    }

    [Fact]
    public void GetAddressLists_FreeBsd_TrailingSeparator()
    {
        var lists = Lists(Host("eth0"), KvpAbi.FreeBsd);

        lists.Should().Be(new IntrinsicAddressLists(
            "10.0.0.4;192.0.2.10;192.0.2.11;10.8.0.2;",
            "2001:db8::4;2001:db8:1::10;"));
    }

    [Fact]
    public void GetAddressLists_ConfiguredExcludes_ReplaceTheDefaults()
    {
        // docker0 is reported once the defaults are replaced; wg* and eth1 are excluded by the configured patterns.
        var lists = Lists(Host("eth0"), KvpAbi.Linux, ["wg*", "eth?", "veth*", "br-*"]);

        lists.IPv4.Should().Be("172.17.0.1");
        lists.IPv6.Should().BeEmpty();
    }

    [Fact]
    public void GetAddressLists_EmptyExcludeList_ReportsEveryNonLoopbackInterface()
    {
        Lists(Host(null), KvpAbi.Linux, []).IPv4
            .Should().Be("172.17.0.1;10.0.0.4;192.0.2.10;192.0.2.11;169.254.1.1;172.18.0.1;10.8.0.2");
    }

    [Fact]
    public void GetAddressLists_ManyAddresses_StayWithinTheValueField()
    {
        var addresses = Enumerable.Range(0, 300).Select(i => $"10.{i / 256}.{i % 256}.200/16").ToArray();
        var inspector = new FakeNetworkInspector(null, Interface("eth0", "00:15:5D:00:00:01", addresses));

        var ipv4 = Lists(inspector, KvpAbi.FreeBsd).IPv4;

        ipv4.Length.Should().BeLessThanOrEqualTo(InspectorAddressListSource.MaxBytes);
        ipv4.Should().EndWith(";");
        var items = ipv4.Split(';', StringSplitOptions.RemoveEmptyEntries);
        items.Should().Equal(addresses.Take(items.Length).Select(text => text[..text.IndexOf('/')]));
    }

    [Fact]
    public void NetworkOptions_Defaults_AreTheDocumentedPatterns()
    {
        new NetworkOptions().GetExcludeInterfaces().Should().Equal(
            "docker*", "veth*", "br-*", "virbr*", "cni*", "flannel*", "cali*");
    }
}
