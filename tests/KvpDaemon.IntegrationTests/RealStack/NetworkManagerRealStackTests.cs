// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

namespace KvpDaemon.IntegrationTests.RealStack;

/// <summary>
/// The NetworkManager backend against a private NetworkManager 1.42 on a private system bus (issue 13): the static
/// golden cases and a re-injection, with the backend's confirming queries (item 8) answered by the real nmcli. DHCP is
/// NetworkManager's internal client, so the DHCP case is not among them (the guest checks count dhclient processes).
/// </summary>
public sealed class NetworkManagerRealStackTests
{
    public static TheoryData<string> StaticCases() => ["single-ipv4", "multiple-ipv4", "ipv6-only", "mixed", "protocol-6-2"];

    [RealStackTheory]
    [MemberData(nameof(StaticCases))]
    public async Task SetIpInfo_StaticGoldenCase_ProfileLoadedActivatedAndExact(string name)
    {
        await using var network = await RealStackNetwork.StartAsync("networkmanager", manageResolvConf: false);

        await RealStackCase.All[name].ApplyAndVerifyAsync(network);

        network.Exec("nmcli", "-g", "GENERAL.CONNECTION", "device", "show", "eth1").Trim().Should().Be("hyperv-eth1");
        var dns = network.Exec("nmcli", "-g", "IP4.DNS,IP6.DNS", "device", "show", "eth1");
        foreach (var server in RealStackCase.All[name].ExpectedNameServers)
        {
            dns.Should().Contain(server.Replace(":", "\\:", StringComparison.Ordinal), network.Describe());
        }
    }

    [RealStackFact]
    public async Task SetIpInfo_Reinjection_TheNewProfileReplacesTheOld()
    {
        await using var network = await RealStackNetwork.StartAsync("networkmanager", manageResolvConf: false);

        await RealStackCase.All["protocol-6-2"].ApplyAndVerifyAsync(network);
        await RealStackCase.All["single-ipv4"].ApplyAndVerifyAsync(network);

        network.Exec("nmcli", "-g", "NAME", "connection", "show").Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Should().BeEquivalentTo(["hyperv-eth1", "lo"], "one profile per interface; " + network.Describe());
    }
}
