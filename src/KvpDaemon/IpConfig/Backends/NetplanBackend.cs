// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

using System.Net;
using System.Text;

namespace KvpDaemon.IpConfig.Backends;

/// <summary>
/// netplan: <c>/etc/netplan/90-hyperv-&lt;if&gt;.yaml</c> (mode 0600: netplan warns about files others can read), then
/// <c>netplan apply</c>. Netplan merges the files in lexical order: later scalars override earlier ones, but lists
/// (addresses, routes, name servers) are appended, so an earlier file for the same interface (cloud-init's
/// <c>50-cloud-init.yaml</c>) would leave both address sets, both DNS lists and two default routes in force, and
/// <c>netplan apply</c> exits 0 all the same. The backend cannot override that: when another netplan file may define
/// the interface (names it, its MAC, or has a <c>match:</c> rule) the request fails with that file's name. Netplan keeps
/// one name-server list per family and writes IPv4 first; a host order that puts IPv6 first is applied IPv4 first, with a
/// warning. Every address is a quoted YAML string so that IPv6 colons never read as mappings.
/// </summary>
internal sealed class NetplanBackend : IIpConfigBackend
{
    public const string Directory = "/etc/netplan";

    /// <summary>Where netplan reads YAML from (netplan(5)).</summary>
    public static readonly IReadOnlyList<string> SearchDirectories = ["/lib/netplan", "/usr/lib/netplan", "/etc/netplan", "/run/netplan"];

    public string Name => IpConfigBackendNames.Netplan;

    public IpConfigPlan Plan(IpConfigRequest request, IpConfigPlanContext context)
    {
        var (name, _, settings) = request;
        var path = $"{Directory}/90-hyperv-{name}.yaml";
        var ipv6 = settings.StaticIpv6;
        foreach (var directory in SearchDirectories)
        {
            foreach (var other in context.FilesIn(directory))
            {
                if (other.Path != path && MayDefine(other.Text, name, request.MacAddress))
                {
                    throw new InvalidOperationException(
                        $"{other.Path} may also define {name}, and netplan would merge its addresses, routes and name servers with the injected ones; " +
                        "remove the interface from it (for cloud-init: disable its network configuration)");
                }
            }
        }


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
            Warnings = DnsOrder.Warnings(settings.DnsServers, "netplan"),
        };
    }

    /// <summary>Whether a netplan YAML text may configure the interface: its name as a word, its MAC, or a match rule.</summary>
    private static bool MayDefine(string text, string interfaceName, string? macAddress)
    {
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.Split('#')[0];
            var words = line.Split([' ', '\t', ':', '"', '\'', ',', '[', ']', '{', '}'], StringSplitOptions.RemoveEmptyEntries);
            if (words.Contains(interfaceName) || words.Contains("match") ||
                (macAddress is not null && line.Contains(macAddress, StringComparison.OrdinalIgnoreCase)))
            {
                return true;
            }
        }

        return false;
    }
}
