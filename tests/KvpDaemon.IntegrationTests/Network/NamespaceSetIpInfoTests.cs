// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

using KvpDaemon.HostSimulator.Daemon;
using KvpDaemon.IntegrationTests.Infrastructure;
using KvpDaemon.Protocol;

namespace KvpDaemon.IntegrationTests.Network;

/// <summary>
/// SET_IP_INFO (docs/protocol.md 6, issue 4) applied by the iproute2 backend to a real kernel, in a network namespace built
/// by <see cref="SetIpInfoNamespaceFixture"/>; the result is read back with <c>ip -j</c>.
/// </summary>
public sealed class NamespaceSetIpInfoTests : IClassFixture<SetIpInfoNamespaceFixture>
{
    // The host's form: a braced GUID, here in another letter case than the configuration's AdapterMap key.
    private static readonly string AdapterId = SetIpInfoNamespaceFixture.MappedGuid.ToLowerInvariant();

    private readonly SetIpInfoNamespaceFixture _fixture;

    public NamespaceSetIpInfoTests(SetIpInfoNamespaceFixture fixture)
    {
        _fixture = fixture;
        if (NetworkNamespace.UnavailableReason is null)
        {
            _fixture.ResetBaseline();
        }
    }

    [NetnsFact]
    public async Task SetIpInfo_MappedGuid_Eth1CarriesExactlyTheInjectedAddressesAndGateways()
    {
        var eth10Before = _fixture.Namespace.Addresses("eth10");

        var reply = await _fixture.Applying.SendAsync(Request(
            AdapterId,
            "203.0.113.20;203.0.113.130;2001:db8:5::20",
            "255.255.255.0;255.255.255.128;64",
            "203.0.113.1;2001:db8:5::1"));

        reply.Should().Be(KvpStatusReply.Ok, Because(_fixture.Applying));
        _fixture.Namespace.Addresses("eth1").Should().BeEquivalentTo(
            ["203.0.113.20/24", "203.0.113.130/25", "2001:db8:5::20/64"], Because(_fixture.Applying));
        _fixture.Namespace.DefaultRoutes("-4").Should().BeEquivalentTo(
            ["203.0.113.1 eth1", "198.51.100.1 eth10"], "eth1's default is replaced and eth10's is left alone");
        _fixture.Namespace.DefaultRoutes("-6").Should().Equal(["2001:db8:5::1 eth1"], Because(_fixture.Applying));
        _fixture.Namespace.Addresses("eth10").Should().Equal(eth10Before, "eth10 is not the mapped adapter");

        // What the host reads back (issue 3 after issue 4): the injected configuration, eth1's gateways only.
        var readBack = await _fixture.Applying.SendAsync(new KvpGetIpInfoRequest(0, "00:15:5D:00:00:01", 0));
        readBack.Should().Be(
            new KvpIpInfoReply(
                "00:15:5D:00:00:01",
                (byte)(KvpAddressFamily.ADDR_FAMILY_IPV4 | KvpAddressFamily.ADDR_FAMILY_IPV6),
                DhcpEnabled: false,
                "203.0.113.20;203.0.113.130;2001:db8:5::20",
                "255.255.255.0;255.255.255.128;/64",
                "203.0.113.1;2001:db8:5::1;",
                "192.0.2.53;"),
            Because(_fixture.Applying));
    }

    [NetnsFact]
    public async Task SetIpInfo_Eth1HadPreferredDefaultRoutes_OnlyTheInjectedGatewaysRemain()
    {
        // Defaults that would win over the injected ones (lower metric), as a DHCP client or RA leaves them; the IPv4
        // one survives the flush of global addresses because a link-scope address keeps eth1's IPv4 routes alive.
        _fixture.Namespace.Ip("addr", "add", "169.254.7.7/16", "dev", "eth1", "scope", "link");
        _fixture.Namespace.Ip("-4", "route", "add", "default", "via", "192.0.2.2", "dev", "eth1", "metric", "50");
        _fixture.Namespace.Ip("-6", "route", "add", "default", "via", "2001:db8:1::2", "dev", "eth1", "metric", "50");

        var reply = await _fixture.Applying.SendAsync(Request(
            AdapterId, "203.0.113.20;2001:db8:5::20", "255.255.255.0;64", "203.0.113.1;2001:db8:5::1"));

        reply.Should().Be(KvpStatusReply.Ok, Because(_fixture.Applying));
        _fixture.Namespace.DefaultRoutes("-4").Should().BeEquivalentTo(["203.0.113.1 eth1", "198.51.100.1 eth10"], Because(_fixture.Applying));
        _fixture.Namespace.DefaultRoutes("-6").Should().Equal(["2001:db8:5::1 eth1"], Because(_fixture.Applying));
    }

    [NetnsFact]
    public async Task SetIpInfo_UnknownGuid_AnswersGuidNotFoundAndChangesNothing()
    {
        var before = State();

        var reply = await _fixture.Applying.SendAsync(Request(
            "{00000000-1111-2222-3333-444444444444}", "203.0.113.20", "255.255.255.0", "203.0.113.1"));

        reply.Should().Be(new KvpStatusReply(HvStatus.HV_GUID_NOTFOUND), Because(_fixture.Applying));
        State().Should().Equal(before);
    }

    [NetnsFact]
    public async Task SetIpInfo_HostileToken_AnswersInvalidArgAndChangesNothing()
    {
        var before = State();

        var reply = await _fixture.Applying.SendAsync(Request(
            AdapterId, "203.0.113.20;$(reboot)", "255.255.255.0;255.255.255.0", "203.0.113.1"));

        reply.Should().Be(new KvpStatusReply(HvStatus.HV_INVALIDARG), Because(_fixture.Applying));
        State().Should().Equal(before);
    }

    [NetnsFact]
    public async Task SetIpInfo_DryRun_AnswersOkWritesThePlanAndChangesNothing()
    {
        var before = State();
        var existing = CommandFiles();

        var reply = await _fixture.DryRun.SendAsync(Request(
            AdapterId, "203.0.113.20;2001:db8:5::20", "255.255.255.0;64", "203.0.113.1;2001:db8:5::1"));

        reply.Should().Be(KvpStatusReply.Ok, Because(_fixture.DryRun));
        State().Should().Equal(before);
        var written = CommandFiles().Except(existing).Should().ContainSingle("one dry run writes one plan directory").Subject;
        File.ReadAllLines(written).Should().Contain(
            ["ip -4 addr add 203.0.113.20/24 dev eth1", "ip -6 addr add 2001:db8:5::20/64 dev eth1"],
            Because(_fixture.DryRun));
    }

    private static KvpSetIpInfoRequest Request(string adapterId, string addresses, string subnets, string gateways) =>
        new(0, adapterId, (byte)(KvpAddressFamily.ADDR_FAMILY_IPV4 | KvpAddressFamily.ADDR_FAMILY_IPV6), false,
            addresses, subnets, gateways, "203.0.113.53;2001:db8:5::53");

    private static string Because(DaemonSession session) => session.DescribeDaemon();

    /// <summary>Everything SET_IP_INFO could change, one line per fact.</summary>
    private IReadOnlyList<string> State() =>
    [
        .. _fixture.Namespace.Addresses("eth1").Select(address => "eth1 " + address),
        .. _fixture.Namespace.Addresses("eth10").Select(address => "eth10 " + address),
        .. _fixture.Namespace.DefaultRoutes("-4").Select(route => "default " + route),
        .. _fixture.Namespace.DefaultRoutes("-6").Select(route => "default6 " + route),
    ];

    private string[] CommandFiles()
    {
        var directory = Path.Combine(_fixture.DryRunStateDirectory, "dry-run");
        return Directory.Exists(directory)
            ? Directory.GetFiles(directory, "commands.txt", SearchOption.AllDirectories)
            : [];
    }
}
