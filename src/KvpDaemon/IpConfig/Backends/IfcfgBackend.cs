// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

using System.Text;

namespace KvpDaemon.IpConfig.Backends;

/// <summary>
/// RHEL network-scripts: <c>/etc/sysconfig/network-scripts/ifcfg-&lt;if&gt;</c> in the initscripts format (numbered
/// IPADDRn/PREFIXn, GATEWAY, DNSn, IPV6ADDR and IPV6ADDR_SECONDARIES, IPV6_DEFAULTGW), then <c>ifdown</c>/<c>ifup</c>.
/// Unlike the reference file (docs/protocol.md 6.2) it is complete on its own: ONBOOT, IPV6INIT and PREFIX are written
/// here rather than appended by a script.
/// </summary>
internal sealed class IfcfgBackend : IIpConfigBackend
{
    public const string Directory = "/etc/sysconfig/network-scripts";

    public string Name => IpConfigBackendNames.Ifcfg;

    public IpConfigPlan Plan(IpConfigRequest request, IpConfigPlanContext context)
    {
        var (name, _, settings) = request;

        var text = new StringBuilder();
        text.Append(GeneratedFileHeader.Text).Append('\n');
        text.Append("DEVICE=").Append(name).Append('\n');
        if (request.MacAddress is not null)
        {
            text.Append("HWADDR=").Append(request.MacAddress).Append('\n');
        }

        text.Append("TYPE=Ethernet\n");
        text.Append("ONBOOT=yes\n");
        text.Append("BOOTPROTO=").Append(settings.DhcpEnabled ? "dhcp" : "none").Append('\n');
        var ipv4 = settings.StaticIpv4;
        for (var i = 0; i < ipv4.Count; i++)
        {
            text.Append("IPADDR").Append(i).Append('=').Append(ipv4[i].Address).Append('\n');
            text.Append("PREFIX").Append(i).Append('=').Append(ipv4[i].PrefixLength).Append('\n');
        }

        if (settings.Ipv4Gateways.Count > 0)
        {
            text.Append("GATEWAY=").Append(settings.Ipv4Gateways[0]).Append('\n');
        }

        for (var i = 0; i < settings.DnsServers.Count; i++)
        {
            text.Append("DNS").Append(i + 1).Append('=').Append(settings.DnsServers[i]).Append('\n');
        }

        // initscripts before 10.00 write DNS1.. to resolv.conf only when PEERDNS is not "no", so a static
        // configuration says yes; with DHCP, "no" keeps the server's name servers from replacing the host's.
        if (settings.DnsServers.Count > 0)
        {
            text.Append("PEERDNS=").Append(settings.DhcpEnabled ? "no" : "yes").Append('\n');
        }

        var ipv6 = settings.StaticIpv6;
        text.Append("IPV6INIT=yes\n");
        text.Append("IPV6_AUTOCONF=").Append(ipv6.Count > 0 ? "no" : "yes").Append('\n');
        if (ipv6.Count > 0)
        {
            text.Append("IPV6ADDR=").Append(ipv6[0].Cidr).Append('\n');
        }

        if (ipv6.Count > 1)
        {
            text.Append("IPV6ADDR_SECONDARIES=\"").Append(string.Join(' ', ipv6.Skip(1).Select(a => a.Cidr))).Append("\"\n");
        }

        if (settings.Ipv6Gateways.Count > 0)
        {
            // A link-local gateway needs its interface (initscripts: "address%device"), or no default route is set.
            var gateway = settings.Ipv6Gateways[0];
            text.Append("IPV6_DEFAULTGW=").Append(gateway).Append(gateway.IsIPv6LinkLocal ? "%" + name : string.Empty).Append('\n');
        }

        return new IpConfigPlan(
            Name,
            [new PlannedFile($"{Directory}/ifcfg-{name}", text.ToString(), GeneratedFileHeader.Mode0644)],
            [PlannedCommand.Try("ifdown", name), PlannedCommand.Run("ifup", name)])
        {
            RollbackCommands = [PlannedCommand.Try("ifdown", name), PlannedCommand.Try("ifup", name)],
        };
    }
}
