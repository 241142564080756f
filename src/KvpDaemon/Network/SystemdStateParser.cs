// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

using System.Net;

namespace KvpDaemon.Network;

/// <summary>
/// systemd's per-link state: systemd-resolved's <c>/run/systemd/resolve/netif/&lt;ifindex&gt;</c> (<c>SERVERS=</c>,
/// or <c>DNS=</c>), systemd-networkd's <c>/run/systemd/netif/links/&lt;ifindex&gt;</c> (<c>DNS=</c>,
/// <c>DHCP4_ADDRESS=</c>, <c>DHCP_LEASE=</c>, <c>NETWORK_FILE=</c>, <c>ADMIN_STATE=</c>) and networkd's
/// <c>.network</c> files (<c>[Network] DHCP=</c>). Pure functions over the file text.
/// </summary>
internal static class SystemdStateParser
{
    /// <summary>The DNS servers of a resolved netif or networkd link state file; empty when it names none.</summary>
    public static IReadOnlyList<IPAddress> ParseDnsServers(string text)
    {
        var entries = KeyValueText.Parse(text);
        var servers = new List<IPAddress>();
        foreach (var entry in entries)
        {
            if (entry.Key is not ("DNS" or "SERVERS"))
            {
                continue;
            }

            foreach (var item in entry.Value.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries))
            {
                if (AddressText.TryParseServer(item, out var server) && !servers.Contains(server))
                {
                    servers.Add(server);
                }
            }
        }

        return servers;
    }

    /// <summary>The facts of a networkd link state file that decide DHCP.</summary>
    /// <param name="Managed">False when networkd does not manage the link (<c>ADMIN_STATE=unmanaged</c>): ask another source.</param>
    /// <param name="HasLease">A DHCPv4 address or lease is recorded: DHCP is in use.</param>
    /// <param name="NetworkFile">The .network file configuring the link, if any.</param>
    internal sealed record LinkState(bool Managed, bool HasLease, string? NetworkFile);

    public static LinkState ParseLinkState(string text)
    {
        var entries = KeyValueText.Parse(text);
        var adminState = KeyValueText.Last(entries, "ADMIN_STATE");
        var managed = adminState is not null && adminState != "unmanaged";
        var hasLease = !string.IsNullOrEmpty(KeyValueText.Last(entries, "DHCP4_ADDRESS"))
            || !string.IsNullOrEmpty(KeyValueText.Last(entries, "DHCP_LEASE"));
        var networkFile = KeyValueText.Last(entries, "NETWORK_FILE");
        return new LinkState(managed, hasLease, string.IsNullOrEmpty(networkFile) ? null : networkFile);
    }

    /// <summary>
    /// <c>[Network] DHCP=</c> of a .network file: yes/true/ipv4/ipv6/both enable it; no/false or no setting (networkd's
    /// default) disable it.
    /// </summary>
    public static DhcpState ParseNetworkFileDhcp(string text)
    {
        var value = KeyValueText.Last(KeyValueText.Parse(text), "DHCP", "Network");
        return value?.ToUpperInvariant() switch
        {
            "YES" or "TRUE" or "ON" or "1" or "IPV4" or "IPV6" or "BOTH" => DhcpState.Enabled,
            null or "NO" or "FALSE" or "OFF" or "0" => DhcpState.Disabled,
            _ => DhcpState.Unknown,
        };
    }
}
