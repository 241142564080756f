// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

namespace KvpDaemon.IntegrationTests.RealStack;

/// <summary>
/// The iproute2 backend against the real kernel, dhclient and dnsmasq (issue 13): the golden cases, the transitions,
/// and the items that broke it (1: a DHCP client surviving a static injection; 5: router advertisements beside static
/// IPv6).
/// </summary>
public sealed class Iproute2RealStackTests
{
    [RealStackTheory]
    [MemberData(nameof(RealStackCase.Names), MemberType = typeof(RealStackCase))]
    public async Task SetIpInfo_GoldenCase_GuestHoldsExactlyTheInjectedConfiguration(string name)
    {
        await using var network = await RealStackNetwork.StartAsync("iproute2");

        await RealStackCase.All[name].ApplyAndVerifyAsync(network);
    }

    /// <summary>Item 1: the earlier injection's dhclient kept running and took the interface back within one lease.</summary>
    [RealStackFact]
    public async Task SetIpInfo_DhcpThenStatic_NoDhcpClientSurvives()
    {
        await using var network = await RealStackNetwork.StartAsync("iproute2", manageResolvConf: false);
        await RealStackCase.All["dhcp"].ApplyAndVerifyAsync(network);

        await RealStackCase.All["single-ipv4"].ApplyAndVerifyAsync(network);
    }

    [RealStackFact]
    public async Task SetIpInfo_StaticThenDhcpThenStatic_EndsWithOnlyTheStaticConfiguration()
    {
        await using var network = await RealStackNetwork.StartAsync("iproute2");

        await RealStackCase.All["protocol-6-2"].ApplyAndVerifyAsync(network);
        await RealStackCase.All["dhcp"].ApplyAndVerifyAsync(network);
        await RealStackCase.All["single-ipv4"].ApplyAndVerifyAsync(network);
    }

    /// <summary>
    /// Item 5: with static IPv6 the guest must ignore router advertisements. The test first sees an advertisement
    /// configure the interface (so the peer really advertises), injects, then waits until the kernel has received
    /// another advertisement and checks that no RA address or route came back.
    /// </summary>
    [RealStackFact]
    public async Task SetIpInfo_StaticIpv6_RouterAdvertisementsReceivedAfterwardsAreIgnored()
    {
        await using var network = await RealStackNetwork.StartAsync("iproute2", routerAdvertisements: true, manageResolvConf: false);
        (await RealStackNetwork.EventuallyAsync(() => network.Addresses().Any(a => a.StartsWith("2001:db8:7:", StringComparison.Ordinal)), TimeSpan.FromSeconds(60)))
            .Should().BeTrue("the peer's advertisements must configure an address before the injection; " + network.Describe());

        await RealStackCase.All["mixed"].ApplyAndVerifyAsync(network);
        var received = network.RouterAdvertisementsReceived();
        (await RealStackNetwork.EventuallyAsync(() => network.RouterAdvertisementsReceived() > received, TimeSpan.FromSeconds(60)))
            .Should().BeTrue("dnsmasq advertises every few seconds; " + network.Describe());

        RealStackCase.All["mixed"].Verify(network);
        network.Exec("cat", "/proc/sys/net/ipv6/conf/eth1/accept_ra").Trim().Should().Be("0");
    }
}
