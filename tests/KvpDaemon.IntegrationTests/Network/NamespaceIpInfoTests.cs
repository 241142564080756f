// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

using System.Text.Json;
using KvpDaemon.IntegrationTests.Infrastructure;
using KvpDaemon.Protocol;

namespace KvpDaemon.IntegrationTests.Network;

/// <summary>
/// GET_IP_INFO (docs/protocol.md 5, issue 3) and the pool-2 address items (4.5) against a real kernel: the daemon runs in
/// a network namespace built by <see cref="IpInfoNamespaceFixture"/> and reads its interfaces, routes and resolv.conf.
/// Expected strings are literal. The daemon keeps the kernel's address order (getifaddrs): IPv4 in the order added,
/// then IPv6 with global addresses newest first and link-local ones last; each test first checks that the kernel lists
/// them so, to tell a kernel difference from a daemon bug.
/// </summary>
public sealed class NamespaceIpInfoTests : IClassFixture<IpInfoNamespaceFixture>
{
    private static readonly KvpIpInfoReply Eth1Reply = new(
        IpInfoNamespaceFixture.Eth1Mac,
        (byte)(KvpAddressFamily.ADDR_FAMILY_IPV4 | KvpAddressFamily.ADDR_FAMILY_IPV6),
        DhcpEnabled: false,
        "192.0.2.10;192.0.2.11;2001:db8:1::11;2001:db8:1::10;fe80::1",
        "255.255.255.0;255.255.255.128;/48;/64;/64",
        "192.0.2.1;2001:db8:1::1;",
        "192.0.2.53;2001:db8::53;");

    private static readonly KvpIpInfoReply Eth10Reply = new(
        IpInfoNamespaceFixture.Eth10Mac,
        (byte)(KvpAddressFamily.ADDR_FAMILY_IPV4 | KvpAddressFamily.ADDR_FAMILY_IPV6),
        DhcpEnabled: false,
        "198.51.100.10;198.51.100.11;2001:db8:10::10;fe80::10",
        "255.255.255.0;255.255.255.0;/64;/64",
        "198.51.100.1;",
        "192.0.2.53;2001:db8::53;");

    private readonly IpInfoNamespaceFixture _fixture;

    public NamespaceIpInfoTests(IpInfoNamespaceFixture fixture)
    {
        _fixture = fixture;
    }

    [NetnsFact]
    public async Task GetIpInfo_Eth1Mac_ReportsEth1AddressesGatewaysAndNamespaceDns()
    {
        KernelOrderShouldBeAsAssumed();

        var reply = await GetIpInfoAsync(IpInfoNamespaceFixture.Eth1Mac);

        reply.Should().Be(Eth1Reply, Because());
    }

    [NetnsFact]
    public async Task GetIpInfo_Eth10Mac_ReportsOnlyEth10GatewayNotEth1s()
    {
        KernelOrderShouldBeAsAssumed();

        var reply = await GetIpInfoAsync(IpInfoNamespaceFixture.Eth10Mac);

        reply.Should().Be(Eth10Reply, Because());
    }

    [NetnsFact]
    public async Task GetIpInfo_MacSharedWithAddresslessLowerIndexTwin_AnswersTheInterfaceWithAddresses()
    {
        var links = _fixture.Namespace.IpJson("link", "show").EnumerateArray()
            .ToDictionary(link => link.GetProperty("ifname").GetString()!, link => link);
        Mac(links["enP1s1"]).Should().Be(Mac(links["eth1"]), "the twin must share eth1's MAC for this test to mean anything");
        links["enP1s1"].GetProperty("ifindex").GetInt32().Should().BeLessThan(links["eth1"].GetProperty("ifindex").GetInt32());
        _fixture.Namespace.Addresses("enP1s1").Should().BeEmpty();

        var reply = await GetIpInfoAsync(IpInfoNamespaceFixture.Eth1Mac.ToLowerInvariant());

        reply.Should().Be(Eth1Reply with { AdapterId = IpInfoNamespaceFixture.Eth1Mac.ToLowerInvariant() }, Because());
    }

    [NetnsFact]
    public async Task GetIpInfo_LowerCaseDashSeparatedMac_MatchesTheAdapter()
    {
        const string adapterId = "00-15-5d-00-00-10";

        var reply = await GetIpInfoAsync(adapterId);

        reply.Should().Be(Eth10Reply with { AdapterId = adapterId }, Because());
    }

    [NetnsFact]
    public async Task GetIpInfo_UnknownMac_AnswersFail()
    {
        var reply = await GetIpInfoAsync("00:15:5D:00:00:99");

        reply.Should().Be(new KvpStatusReply(HvStatus.HV_E_FAIL), Because());
    }

    [NetnsFact]
    public async Task EnumeratePool2_AddressItems_ListDefaultRouteAdapterFirstWithoutLoopbackLinkLocalOrDocker()
    {
        KernelOrderShouldBeAsAssumed();

        var ipv4 = await _fixture.Session.SendAsync(new KvpEnumerateRequest(2, 2));
        var ipv6 = await _fixture.Session.SendAsync(new KvpEnumerateRequest(2, 3));

        ipv4.Should().Be(new KvpEnumerateReply("NetworkAddressIPv4", "192.0.2.10;192.0.2.11;198.51.100.10;198.51.100.11"), Because());
        ipv6.Should().Be(new KvpEnumerateReply("NetworkAddressIPv6", "2001:db8:1::11;2001:db8:1::10;2001:db8:10::10"), Because());
    }

    private static string Mac(JsonElement link) => link.GetProperty("address").GetString()!;

    private async Task<KvpReply> GetIpInfoAsync(string adapterId) =>
        await _fixture.Session.SendAsync(new KvpGetIpInfoRequest(0, adapterId, 0));

    private void KernelOrderShouldBeAsAssumed()
    {
        _fixture.Namespace.Addresses("eth1").Should().Equal(
            ["192.0.2.10/24", "192.0.2.11/25", "2001:db8:1::11/48", "2001:db8:1::10/64", "fe80::1/64"],
            "the expected strings assume this kernel order of eth1's addresses");
        _fixture.Namespace.Addresses("eth10").Should().Equal(
            ["198.51.100.10/24", "198.51.100.11/24", "2001:db8:10::10/64", "fe80::10/64"],
            "the expected strings assume this kernel order of eth10's addresses");
    }

    private string Because() => "the daemon in namespace " + _fixture.Namespace.Name + " must see it so. " + _fixture.Session.DescribeDaemon();
}
