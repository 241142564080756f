// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

using System.Net;
using KvpDaemon.Network;
using KvpDaemon.Protocol;
using Microsoft.Extensions.Logging.Abstractions;
using static KvpDaemon.Tests.Network.FakeNetworkInspector;

namespace KvpDaemon.Tests.Network;

public class IpInfoProviderTests
{
    private const string Eth1Mac = "00:15:5D:0A:0B:01";
    private const string Eth10Mac = "00:15:5D:0A:0B:10";

    private static FakeNetworkInspector TwoNics() => new FakeNetworkInspector(
            "eth1",
            Interface("lo", "00:00:00:00:00:00", ["127.0.0.1/8", "::1/128"], loopback: true),
            Interface("eth1", Eth1Mac, ["192.0.2.10/24", "2001:db8::10/64", "fe80::215:5dff:fe0a:b01%2/64"], ["192.0.2.1", "fe80::1"]),
            Interface("eth10", Eth10Mac, ["198.51.100.7/25"], ["198.51.100.1"]))
        .WithConfiguration("eth1", DhcpState.Enabled, "10.0.0.2", "2001:db8::53")
        .WithConfiguration("eth10", DhcpState.Disabled, "10.9.9.9");

    private static async Task<KvpReply> AskAsync(INetworkInspector inspector, string adapterId, KvpAbi? abi = null)
    {
        var provider = new IpInfoProvider(inspector, abi ?? KvpAbi.Linux, NullLogger<IpInfoProvider>.Instance);
        return await provider.GetIpInfoAsync(new KvpGetIpInfoRequest(0, adapterId, 0), CancellationToken.None);
    }

    [Fact]
    public async Task GetIpInfo_Eth1_OnlyItsOwnAddressesGatewaysAndDns_LinuxSeparators()
    {
        var reply = await AskAsync(TwoNics(), Eth1Mac);

        // eth10's address and gateway must not leak into eth1 (QUIRK-25, QUIRK-26); the scope of fe80:: is dropped.
        reply.Should().Be(new KvpIpInfoReply(
            Eth1Mac,
            AddressFamily: 3,
            DhcpEnabled: true,
            IpAddresses: "192.0.2.10;2001:db8::10;fe80::215:5dff:fe0a:b01",
            Subnets: "255.255.255.0;/64;/64",
            Gateways: "192.0.2.1;fe80::1;",
            DnsServers: "10.0.0.2;2001:db8::53;"));
    }

    [Fact]
    public async Task GetIpInfo_Eth10_IPv4Only_NotEth1()
    {
        var reply = await AskAsync(TwoNics(), Eth10Mac);

        reply.Should().Be(new KvpIpInfoReply(
            Eth10Mac, 1, false, "198.51.100.7", "255.255.255.128", "198.51.100.1;", "10.9.9.9;"));
    }

    [Fact]
    public async Task GetIpInfo_FreeBsd_TrailingSeparatorEverywhere()
    {
        var reply = await AskAsync(TwoNics(), Eth1Mac, KvpAbi.FreeBsd);

        var ipInfo = reply.Should().BeOfType<KvpIpInfoReply>().Subject;
        ipInfo.IpAddresses.Should().Be("192.0.2.10;2001:db8::10;fe80::215:5dff:fe0a:b01;");
        ipInfo.Subnets.Should().Be("255.255.255.0;/64;/64;");
        ipInfo.Gateways.Should().Be("192.0.2.1;fe80::1;");
        ipInfo.DnsServers.Should().Be("10.0.0.2;2001:db8::53;");
    }

    [Theory]
    [InlineData("00-15-5d-0a-0b-01")]
    [InlineData("00155D0A0B01")]
    [InlineData("00:15:5d:0a:0b:01")]
    public async Task GetIpInfo_OtherMacSpellings_FindTheAdapterAndEchoTheId(string adapterId)
    {
        var reply = await AskAsync(TwoNics(), adapterId);

        var ipInfo = reply.Should().BeOfType<KvpIpInfoReply>().Subject;
        ipInfo.AdapterId.Should().Be(adapterId);
        ipInfo.IpAddresses.Should().StartWith("192.0.2.10;");
    }

    [Theory]
    [InlineData("00:15:5D:0A:0B")] // 5 bytes
    [InlineData("00:15:5D:0A:0B:01:02")] // 7 bytes
    [InlineData("")]
    [InlineData("{5A6F1F7E-9C0D-4B2A-8E4F-0D1C2B3A4F5E}")] // a GUID is not a MAC
    [InlineData("00:15:5D:0A:0B:99")] // well-formed, no such adapter
    [InlineData("00:00:00:00:00:00")] // loopback's MAC is never an adapter
    public async Task GetIpInfo_UnparsableOrUnknownMac_Fails(string adapterId)
    {
        var reply = await AskAsync(TwoNics(), adapterId);
        reply.Should().Be(KvpStatusReply.Fail);
        reply.Status.Should().Be(HvStatus.HV_E_FAIL);
    }

    [Fact]
    public async Task GetIpInfo_VirtualFunctionSharingTheMacWithoutAddresses_IsSkipped()
    {
        // The accelerated-networking VF appears first, with the synthetic NIC's MAC and no address (docs/protocol.md 5.1).
        var inspector = new FakeNetworkInspector(
                null,
                Interface("enP1s1", Eth1Mac, []),
                Interface("eth1", Eth1Mac, ["192.0.2.10/24"], ["192.0.2.1"]))
            .WithConfiguration("eth1", DhcpState.Enabled, "10.0.0.2");

        var reply = await AskAsync(inspector, Eth1Mac);

        reply.Should().Be(new KvpIpInfoReply(Eth1Mac, 1, true, "192.0.2.10", "255.255.255.0", "192.0.2.1;", "10.0.0.2;"));
        inspector.ConfigurationRequests.Should().Equal("eth1");
    }

    [Fact]
    public async Task GetIpInfo_MatchWithoutAnyAddress_OkWithEmptyLists()
    {
        var inspector = new FakeNetworkInspector(null, Interface("eth1", Eth1Mac, [], ["192.0.2.1"]))
            .WithConfiguration("eth1", DhcpState.Enabled, "10.0.0.2");

        var reply = await AskAsync(inspector, Eth1Mac);

        reply.Should().Be(new KvpIpInfoReply(Eth1Mac, 0, false, string.Empty, string.Empty, string.Empty, string.Empty));
        reply.Status.Should().Be(HvStatus.HV_S_OK);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task GetIpInfo_200IPv6Addresses_CutAtASeparatorWithAlignedSubnets(bool freeBsd)
    {
        var addresses = Enumerable.Range(0, 200).Select(i => $"2001:db8:aaaa:bbbb:cccc:dddd:eeee:{i:x4}/64").ToArray();
        var inspector = new FakeNetworkInspector(null, Interface("eth1", Eth1Mac, addresses));

        var reply = await AskAsync(inspector, Eth1Mac, freeBsd ? KvpAbi.FreeBsd : KvpAbi.Linux);

        var ipInfo = reply.Should().BeOfType<KvpIpInfoReply>().Subject;
        ipInfo.IpAddresses.Length.Should().BeLessThanOrEqualTo(IpInfoProvider.AddressListMaxBytes);
        var items = ipInfo.IpAddresses.Split(';', StringSplitOptions.RemoveEmptyEntries);
        items.Length.Should().BeInRange(1, 199);

        // Every item is a whole address from the input, in order.
        items.Should().Equal(addresses.Take(items.Length).Select(text => IPAddress.Parse(text[..text.IndexOf('/')]).ToString()));
        ipInfo.Subnets.Split(';', StringSplitOptions.RemoveEmptyEntries).Should().HaveCount(items.Length)
            .And.AllBe("/64");
        ipInfo.IpAddresses.EndsWith(';').Should().Be(freeBsd);
    }

    [Fact]
    public async Task GetIpInfo_ManyGateways_CutAt511BytesAtASeparator()
    {
        var gateways = Enumerable.Range(0, 60).Select(i => $"2001:db8::{i + 1:x}").ToArray();
        var inspector = new FakeNetworkInspector(null, Interface("eth1", Eth1Mac, ["192.0.2.10/24"], gateways));

        var reply = await AskAsync(inspector, Eth1Mac);

        var ipInfo = reply.Should().BeOfType<KvpIpInfoReply>().Subject;
        ipInfo.Gateways.Length.Should().BeLessThanOrEqualTo(IpInfoProvider.GatewayListMaxBytes);
        ipInfo.Gateways.Should().EndWith(";");
        var items = ipInfo.Gateways.Split(';', StringSplitOptions.RemoveEmptyEntries);
        items.Should().Equal(gateways.Take(items.Length));
        items.Length.Should().BeLessThan(gateways.Length);
    }

    [Fact]
    public async Task GetIpInfo_Cancelled_Throws()
    {
        var provider = new IpInfoProvider(TwoNics(), KvpAbi.Linux, NullLogger<IpInfoProvider>.Instance);
        var act = async () => await provider.GetIpInfoAsync(new KvpGetIpInfoRequest(0, Eth1Mac, 0), new CancellationToken(true));
        await act.Should().ThrowAsync<OperationCanceledException>();
    }
}
