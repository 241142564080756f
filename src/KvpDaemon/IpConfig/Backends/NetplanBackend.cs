// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

using System.Net;
using System.Text;

namespace KvpDaemon.IpConfig.Backends;

/// <summary>
/// netplan: <c>/etc/netplan/90-hyperv-&lt;if&gt;.yaml</c> (mode 0600: netplan warns about files others can read), then
/// <c>netplan apply</c>. Netplan merges files in lexical order and later keys override earlier ones for the same
/// interface id, so "90-" overrides cloud-init's "50-cloud-init.yaml" for the keys written here. Every address is a
/// quoted YAML string so that IPv6 colons never read as mappings.
/// </summary>
internal sealed class NetplanBackend : IIpConfigBackend
{
    public const string Directory = "/etc/netplan";

    public string Name => IpConfigBackendNames.Netplan;

    public IpConfigPlan Plan(IpConfigRequest request, IpConfigPlanContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        var name = request.InterfaceName;
        var settings = request.Settings;
        var path = $"{Directory}/90-hyperv-{name}.yaml";
        var ipv6 = settings.StaticIpv6;

        var text = new StringBuilder();
        text.Append(GeneratedFileHeader.Text).Append('\n');
        text.Append("network:\n");
        text.Append("  version: 2\n");
        text.Append("  ethernets:\n");
        text.Append("    ").Append(name).Append(":\n");
        text.Append("      dhcp4: ").Append(settings.DhcpEnabled ? "true" : "false").Append('\n');
        text.Append("      dhcp6: false\n");
        text.Append("      accept-ra: ").Append(ipv6.Count > 0 ? "false" : "true").Append('\n');
        var addresses = settings.StaticIpv4.Concat(ipv6).ToArray();
        if (addresses.Length > 0)
        {
            text.Append("      addresses:\n");
            foreach (var address in addresses)
            {
                text.Append("        - \"").Append(address.Cidr).Append("\"\n");
            }
        }

        var gateways = new[] { settings.Ipv4Gateways.FirstOrDefault(), settings.Ipv6Gateways.FirstOrDefault() }
            .OfType<IPAddress>().ToArray();
        if (gateways.Length > 0)
        {
            text.Append("      routes:\n");
            foreach (var gateway in gateways)
            {
                text.Append("        - to: default\n");
                text.Append("          via: \"").Append(gateway).Append("\"\n");
            }
        }

        if (settings.DnsServers.Count > 0)
        {
            text.Append("      nameservers:\n");
            text.Append("        addresses:\n");
            foreach (var server in settings.DnsServers)
            {
                text.Append("          - \"").Append(server).Append("\"\n");
            }
        }

        return new IpConfigPlan(
            Name,
            [new PlannedFile(path, text.ToString(), GeneratedFileHeader.Mode0600)],
            [PlannedCommand.Run("netplan", "apply")])
        {
            RollbackCommands = [PlannedCommand.Try("netplan", "apply")],
        };
    }
}
