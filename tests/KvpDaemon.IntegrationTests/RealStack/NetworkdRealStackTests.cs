// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

namespace KvpDaemon.IntegrationTests.RealStack;

/// <summary>
/// The networkd backend against the real systemd-networkd 252 on a private system bus (issue 13). networkd applies
/// addresses asynchronously after <c>networkctl reconfigure</c> answers, so the state is polled with a generous limit.
/// Item 6: cloud-init's <c>10-cloud-init-eth1.network</c> sorted before the injected file and stayed in force.
/// </summary>
public sealed class NetworkdRealStackTests
{
    private const string CloudInitNetwork = "# cloud-init\n[Match]\nName=eth1\n\n[Network]\nDHCP=ipv4\n";

    [RealStackFact]
    public async Task SetIpInfo_CloudInitNetworkFileInForce_InjectedFileWinsAndOnlyItsConfigurationRemains()
    {
        await using var network = await RealStackNetwork.StartAsync("networkd", prepare: n =>
            File.WriteAllText(Path.Combine(n.Etc, "systemd", "network", "10-cloud-init-eth1.network"), CloudInitNetwork));
        (await RealStackNetwork.EventuallyAsync(() => network.Addresses().Any(a => a.StartsWith(RealStackCase.DhcpAddressPrefix, StringComparison.Ordinal)), TimeSpan.FromSeconds(60)))
            .Should().BeTrue("cloud-init's DHCP file must be in force before the injection; " + network.Describe());

        var reply = await network.SetIpInfoAsync(false, "192.168.1.10", "255.255.255.0", "192.168.1.1", "192.168.1.1");

        reply.Should().Be(Protocol.KvpStatusReply.Ok, network.Describe());
        network.Exec("networkctl", "status", "--no-pager", "-n", "0", "eth1").Should().Contain("Network File: /etc/systemd/network/00-hyperv-eth1.network");
        (await RealStackNetwork.EventuallyAsync(
                () => network.Addresses().SequenceEqual(["192.168.1.10/24"]) && network.Guest.DefaultRoutes("-4").SequenceEqual(["192.168.1.1 eth1"]),
                TimeSpan.FromSeconds(60)))
            .Should().BeTrue("networkd must drop the DHCP lease and apply only the injected file; " + network.Describe());
        network.Exec("networkctl", "status", "--no-pager", "-n", "0", "eth1").Should().MatchRegex(@"DNS: 192\.168\.1\.1\s");
    }
}
