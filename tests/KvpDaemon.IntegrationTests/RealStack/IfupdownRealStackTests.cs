// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

using KvpDaemon.Protocol;

namespace KvpDaemon.IntegrationTests.RealStack;

/// <summary>
/// The ifupdown backend against the real ifup/ifdown 0.8, dhclient and dnsmasq (issue 13): the golden cases, the
/// transitions, and the items that broke it (2: ifdown read the new stanza and left dhclient running; 3: Debian's
/// default stanza for the interface stayed in force; 4: dns-nameservers without a hook was dropped). The private
/// /etc/network has no resolvconf or systemd-resolved hook, as a minimal Debian install.
/// </summary>
public sealed class IfupdownRealStackTests
{
    private const string DefaultStanza = "\n# The primary network interface\nallow-hotplug eth1\niface eth1 inet dhcp\n";

    [RealStackTheory]
    [MemberData(nameof(RealStackCase.Names), MemberType = typeof(RealStackCase))]
    public async Task SetIpInfo_GoldenCase_GuestHoldsExactlyTheInjectedConfiguration(string name)
    {
        await using var network = await RealStackNetwork.StartAsync("ifupdown");

        await RealStackCase.All[name].ApplyAndVerifyAsync(network);
    }

    /// <summary>Item 2: ifdown ran against the new static stanza and never released the earlier dhclient.</summary>
    [RealStackFact]
    public async Task SetIpInfo_DhcpThenStatic_NoDhcpClientSurvives()
    {
        await using var network = await RealStackNetwork.StartAsync("ifupdown");
        await RealStackCase.All["dhcp"].ApplyAndVerifyAsync(network);

        await RealStackCase.All["single-ipv4"].ApplyAndVerifyAsync(network);
    }

    [RealStackFact]
    public async Task SetIpInfo_StaticThenDhcpThenStatic_EndsWithOnlyTheStaticConfiguration()
    {
        await using var network = await RealStackNetwork.StartAsync("ifupdown");

        await RealStackCase.All["protocol-6-2"].ApplyAndVerifyAsync(network);
        await RealStackCase.All["dhcp"].ApplyAndVerifyAsync(network);
        await RealStackCase.All["single-ipv4"].ApplyAndVerifyAsync(network);
    }

    /// <summary>
    /// Item 3: Debian's default interfaces file defines eth1 by DHCP and the interface is up with a lease (as after
    /// boot). The injection must leave only the injected address, no dhclient, the host's name server, and the
    /// default stanza disabled, with ifquery agreeing.
    /// </summary>
    [RealStackFact]
    public async Task SetIpInfo_DebianDefaultDhcpStanza_IsDisabledAndItsLeaseReleased()
    {
        await using var network = await RealStackNetwork.StartAsync("ifupdown", prepare: n =>
        {
            File.AppendAllText(Path.Combine(n.Etc, "network", "interfaces"), DefaultStanza);
            n.Exec("ifup", "eth1");
        });
        network.DhcpClients().Should().ContainSingle("the default stanza must be in force before the injection; " + network.Describe());

        await RealStackCase.All["single-ipv4"].ApplyAndVerifyAsync(network);

        File.ReadAllText(Path.Combine(network.Etc, "network", "interfaces")).Should()
            .Contain("#hypervkvpd-disabled# iface eth1 inet dhcp").And.Contain("#hypervkvpd-disabled# allow-hotplug eth1");
        network.Exec("ifquery", "eth1").Should().Contain("address: 192.168.1.10\n").And.NotContain("dhcp");
    }

    /// <summary>Item 4: without resolvconf or systemd-resolved, dns-nameservers alone changed nothing.</summary>
    [RealStackFact]
    public async Task SetIpInfo_NoDnsHook_ResolvConfNamesTheHostsServers()
    {
        await using var network = await RealStackNetwork.StartAsync("ifupdown");
        network.NameServers().Should().Equal(RealStackNetwork.InitialNameServer);

        await RealStackCase.All["multiple-ipv4"].ApplyAndVerifyAsync(network);

        network.NameServers().Should().Equal("10.0.0.2", "10.0.0.3");
    }

    /// <summary>A main file that does not read interfaces.d would ignore the stanza file: refused, nothing changed.</summary>
    [RealStackFact]
    public async Task SetIpInfo_MainFileWithoutSourceLine_AnswersFailAndChangesNothing()
    {
        await using var network = await RealStackNetwork.StartAsync("ifupdown", prepare: n =>
            File.WriteAllText(Path.Combine(n.Etc, "network", "interfaces"), "auto lo\niface lo inet loopback\n"));

        var reply = await network.SetIpInfoAsync(false, "192.168.1.10", "255.255.255.0", "192.168.1.1", "192.168.1.1");

        reply.Should().Be(KvpStatusReply.Fail, network.Describe());
        Directory.GetFiles(Path.Combine(network.Etc, "network", "interfaces.d")).Should().BeEmpty();
        network.Addresses().Should().BeEmpty();
    }
}
