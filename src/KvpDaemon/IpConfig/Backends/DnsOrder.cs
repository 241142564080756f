// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

using System.Net;
using System.Net.Sockets;

namespace KvpDaemon.IpConfig.Backends;

/// <summary>
/// For backends that keep one name-server list per family (netplan, NetworkManager): the order they apply, IPv4 servers
/// first, differs from the host's when the host put an IPv6 server before an IPv4 one. That cannot be expressed, so the
/// administrator is told.
/// </summary>
internal static class DnsOrder
{
    public static IReadOnlyList<string> Warnings(IReadOnlyList<IPAddress> servers, string backend)
    {
        var applied = servers.Where(s => s.AddressFamily == AddressFamily.InterNetwork)
            .Concat(servers.Where(s => s.AddressFamily == AddressFamily.InterNetworkV6)).ToArray();
        return applied.SequenceEqual(servers)
            ? []
            : [$"{backend} keeps one name-server list per family: the host's order {string.Join(',', servers)} is applied as {string.Join(',', applied)}"];
    }
}
