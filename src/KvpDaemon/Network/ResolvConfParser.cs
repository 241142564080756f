// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

using System.Net;

namespace KvpDaemon.Network;

/// <summary>
/// The <c>nameserver</c> lines of resolv.conf(5), the global DNS source on both OSes (what the upstream
/// <c>hv_get_dns_info</c> scripts print, docs/protocol.md 5.4). Pure: malformed lines are skipped.
/// </summary>
internal static class ResolvConfParser
{
    public static IReadOnlyList<IPAddress> ParseNameservers(string text)
    {
        var servers = new List<IPAddress>();
        foreach (var line in text.Split('\n'))
        {
            var fields = line.Split([' ', '\t', '\r'], StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length >= 2 && fields[0] == "nameserver" && AddressText.TryParseServer(fields[1], out var server))
            {
                servers.Add(server);
            }
        }

        return servers;
    }
}
