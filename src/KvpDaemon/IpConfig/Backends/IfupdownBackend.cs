// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

using System.Text;

namespace KvpDaemon.IpConfig.Backends;

/// <summary>
/// Debian ifupdown: a stanza file <c>/etc/network/interfaces.d/&lt;if&gt;</c> (read through the
/// <c>source /etc/network/interfaces.d/*</c> line of Debian's default interfaces file), then <c>ifdown</c> and
/// <c>ifup</c>. One <c>iface</c> stanza per address, which ifupdown applies together; the gateway and the name servers
/// (<c>dns-nameservers</c>, used by resolvconf when installed) go on the first stanza of their family. If
/// <c>/etc/network/interfaces</c> itself still defines the interface, both definitions apply: the administrator must
/// move that stanza out (documented limitation; this backend never edits the main file).
/// </summary>
internal sealed class IfupdownBackend : IIpConfigBackend
{
    public const string Directory = "/etc/network/interfaces.d";

    public string Name => IpConfigBackendNames.Ifupdown;

    public IpConfigPlan Plan(IpConfigRequest request, IpConfigPlanContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        var name = request.InterfaceName;
        var settings = request.Settings;
        var dnsWritten = false;

        var text = new StringBuilder();
        text.Append(GeneratedFileHeader.Text).Append('\n');
        text.Append("auto ").Append(name).Append('\n');
        if (settings.DhcpEnabled)
        {
            text.Append("iface ").Append(name).Append(" inet dhcp\n");
            AppendDns(text, settings, ref dnsWritten);
        }

        var families = new[] { ("inet", settings.StaticIpv4, settings.Ipv4Gateways), ("inet6", settings.StaticIpv6, settings.Ipv6Gateways) };
        foreach (var (family, addresses, gateways) in families)
        {
            for (var i = 0; i < addresses.Count; i++)
            {
                text.Append("\niface ").Append(name).Append(' ').Append(family).Append(" static\n");
                text.Append("    address ").Append(addresses[i].Cidr).Append('\n');
                if (i == 0 && gateways.Count > 0)
                {
                    text.Append("    gateway ").Append(gateways[0]).Append('\n');
                }

                if (i == 0)
                {
                    AppendDns(text, settings, ref dnsWritten);
                }
            }
        }

        return new IpConfigPlan(
            Name,
            [new PlannedFile($"{Directory}/{name}", text.ToString(), GeneratedFileHeader.Mode0644)],
            [PlannedCommand.Try("ifdown", name), PlannedCommand.Run("ifup", name)])
        {
            RollbackCommands = [PlannedCommand.Try("ifdown", name), PlannedCommand.Try("ifup", name)],
        };
    }

    private static void AppendDns(StringBuilder text, IpSettings settings, ref bool written)
    {
        if (!written && settings.DnsServers.Count > 0)
        {
            text.Append("    dns-nameservers ").Append(string.Join(' ', settings.DnsServers)).Append('\n');
            written = true;
        }
    }
}
