// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

using System.Net;
using KvpDaemon.Network;

namespace KvpDaemon.Tests.Network;

public class ConfigurationParserTests
{
    [Fact]
    public void ResolvConf_Sample_NameserversInOrderWithoutScopeOrJunk()
    {
        // The scoped fe80::1%eth0 keeps its address; "not-an-address", an empty value and the ';' comment are skipped.
        ResolvConfParser.ParseNameservers(NetworkSamples.Read("resolv.conf")).Should().Equal(
            IPAddress.Parse("10.0.0.2"),
            IPAddress.Parse("2001:db8::53"),
            IPAddress.Parse("fe80::1"),
            IPAddress.Parse("10.0.0.3"));
    }

    [Theory]
    [InlineData("nameserver 10")] // IPAddress.TryParse would read 0.0.0.10
    [InlineData("nameserver 0x0a000001")]
    [InlineData("nameservers 10.0.0.1")]
    [InlineData("#nameserver 10.0.0.1")]
    public void ResolvConf_MalformedLine_IsSkipped(string line)
    {
        ResolvConfParser.ParseNameservers(line).Should().BeEmpty();
    }

    [Fact]
    public void ResolvedNetif_ServersWithPortScopeAndName_KeepsTheAddresses()
    {
        SystemdStateParser.ParseDnsServers(NetworkSamples.Read("resolved_netif.txt")).Should().Equal(
            IPAddress.Parse("10.1.0.53"),
            IPAddress.Parse("2001:db8::1"),
            IPAddress.Parse("1.1.1.1"));
    }

    [Fact]
    public void NetworkdLink_DnsLine_IsRead()
    {
        SystemdStateParser.ParseDnsServers(NetworkSamples.Read("networkd_link.txt")).Should().Equal(
            IPAddress.Parse("168.63.129.16"), IPAddress.Parse("10.0.0.2"));
    }

    [Fact]
    public void NetworkdLink_WithLease_IsManagedWithLease()
    {
        SystemdStateParser.ParseLinkState(NetworkSamples.Read("networkd_link.txt")).Should().Be(
            new SystemdStateParser.LinkState(true, true, "/run/systemd/network/10-netplan-eth1.network"));
    }

    [Fact]
    public void NetworkdLink_Static_HasNoLeaseButANetworkFile()
    {
        SystemdStateParser.ParseLinkState(NetworkSamples.Read("networkd_link_static.txt")).Should().Be(
            new SystemdStateParser.LinkState(true, false, "/etc/systemd/network/20-eth1.network"));
    }

    [Fact]
    public void NetworkdLink_Unmanaged_IsNotManaged()
    {
        SystemdStateParser.ParseLinkState(NetworkSamples.Read("networkd_link_unmanaged.txt")).Managed.Should().BeFalse();
    }

    [Theory]
    [InlineData("networkd_dhcp.network", "Enabled")]
    [InlineData("networkd_static.network", "Disabled")]
    public void NetworkFile_DhcpSetting_Decides(string sample, string expected)
    {
        SystemdStateParser.ParseNetworkFileDhcp(NetworkSamples.Read(sample)).Should().Be(Enum.Parse<DhcpState>(expected));
    }

    [Theory]
    [InlineData("[Network]\nDHCP=yes", "Enabled")]
    [InlineData("[Network]\nDHCP=no", "Disabled")]
    [InlineData("[Match]\nDHCP=yes", "Disabled")] // wrong section: the setting is absent
    [InlineData("[Network]\nDHCP=maybe", "Unknown")] // a value networkd itself would reject
    public void NetworkFile_Values_Decide(string text, string expected)
    {
        SystemdStateParser.ParseNetworkFileDhcp(text).Should().Be(Enum.Parse<DhcpState>(expected));
    }

    [Fact]
    public void NetworkManagerDevice_Sample_GivesConnectionUuid()
    {
        NetworkManagerParser.ParseDeviceConnectionUuid(NetworkSamples.Read("nm_device.txt"))
            .Should().Be("5fb06bd0-0bb0-7ffb-45f1-d6edd65f3e03");
        NetworkManagerParser.ParseDeviceConnectionUuid(NetworkSamples.Read("nm_device_unmanaged.txt")).Should().BeNull();
        NetworkManagerParser.ParseDeviceConnectionUuid("not an ini file").Should().BeNull();
    }

    [Fact]
    public void NetworkManagerKeyfile_Methods_Decide()
    {
        NetworkManagerParser.ParseKeyfile(NetworkSamples.Read("nm_auto.nmconnection")).Should().Be(
            new NetworkManagerParser.Keyfile("5fb06bd0-0bb0-7ffb-45f1-d6edd65f3e03", DhcpState.Enabled));
        NetworkManagerParser.ParseKeyfile(NetworkSamples.Read("nm_manual.nmconnection")).Should().Be(
            new NetworkManagerParser.Keyfile("0c8b1f2a-3d4e-4f50-8a6b-7c8d9e0f1a2b", DhcpState.Disabled));
    }

    [Theory]
    [InlineData("eth10", "Enabled")]
    [InlineData("eth1", "Disabled")] // a static stanza; eth10's dhcp must not leak into eth1 (QUIRK-25)
    [InlineData("eth2", "Enabled")] // inet6 auto
    [InlineData("eth3", "Unknown")] // no stanza
    [InlineData("broken", "Unknown")] // "iface broken" has no family or method
    public void Ifupdown_Sample_PerInterface(string name, string expected)
    {
        DhcpConfigParser.ParseIfupdown(NetworkSamples.Read("ifupdown_interfaces.txt"), name).Should().Be(Enum.Parse<DhcpState>(expected));
    }

    [Theory]
    [InlineData("ifcfg-eth0.txt", "Enabled")]
    [InlineData("ifcfg-eth1.txt", "Disabled")]
    public void Ifcfg_Bootproto_Decides(string sample, string expected)
    {
        DhcpConfigParser.ParseIfcfg(NetworkSamples.Read(sample)).Should().Be(Enum.Parse<DhcpState>(expected));
    }

    [Theory]
    [InlineData("DHCPV6C=yes\nBOOTPROTO=none", "Enabled")]
    [InlineData("BOOTPROTO='bootp'", "Enabled")]
    [InlineData("garbage without assignments", "Disabled")]
    public void Ifcfg_Variants_Decide(string text, string expected)
    {
        DhcpConfigParser.ParseIfcfg(text).Should().Be(Enum.Parse<DhcpState>(expected));
    }

    [Theory]
    [InlineData("eth1", true)]
    [InlineData("eth10", true)]
    [InlineData("eth", false)]
    [InlineData("eth2", false)]
    public void DhclientLeases_ExactInterfaceName(string name, bool expected)
    {
        DhcpConfigParser.DhclientLeaseMentions(NetworkSamples.Read("dhclient.leases"), name).Should().Be(expected);
    }

    [Theory]
    [InlineData("hn0", "Enabled")]
    [InlineData("hn1", "Disabled")] // hn1_ipv6 is a different variable
    [InlineData("hn10", "Enabled")] // SYNCDHCP in single quotes
    [InlineData("vlan0.100", "Enabled")] // '.' becomes '_', words are case-insensitive
    [InlineData("hn3", "Disabled")] // the last assignment wins
    [InlineData("hn2", "Enabled")] // commented out, so ifconfig_DEFAULT applies
    public void RcConf_Sample_PerInterface(string name, string expected)
    {
        DhcpConfigParser.ParseRcConf(NetworkSamples.Read("rc.conf"), name).Should().Be(Enum.Parse<DhcpState>(expected));
    }

    [Fact]
    public void RcConf_NoSettingAndNoDefault_IsUnknown()
    {
        DhcpConfigParser.ParseRcConf("hostname=\"x\"\nifconfig_hn0=\"DHCP\n", "hn1").Should().Be(DhcpState.Unknown);
    }
}
