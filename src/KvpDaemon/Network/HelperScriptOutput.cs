// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

using System.Net;

namespace KvpDaemon.Network;

/// <summary>The output of the distributions' hv_get_dns_info and hv_get_dhcp_info helpers (docs/protocol.md 5.4). Pure.</summary>
internal static class HelperScriptOutput
{
    // The reference reads at most 255 characters per line.
    private const int MaxLineLength = 255;

    /// <summary>One server per non-empty line; lines that are not an address are skipped.</summary>
    public static IReadOnlyList<IPAddress> ParseDns(string output)
    {
        var servers = new List<IPAddress>();
        foreach (var rawLine in output.Split('\n'))
        {
            var line = rawLine.Length > MaxLineLength ? rawLine[..MaxLineLength] : rawLine;
            if (AddressText.TryParseServer(line, out var server))
            {
                servers.Add(server);
            }
        }

        return servers;
    }

    /// <summary>
    /// The first line: starting with <c>Enabled</c> means DHCP (as the reference tests it); <c>Unknown</c> (the RHEL
    /// script without a connection) or no output at all is unknown; anything else is disabled.
    /// </summary>
    public static DhcpState ParseDhcp(string output)
    {
        var firstLine = output.Split('\n')[0].TrimEnd('\r');
        if (firstLine.StartsWith("Enabled", StringComparison.Ordinal))
        {
            return DhcpState.Enabled;
        }

        return firstLine.Length == 0 || firstLine.StartsWith("Unknown", StringComparison.Ordinal)
            ? DhcpState.Unknown
            : DhcpState.Disabled;
    }
}
