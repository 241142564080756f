// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

namespace KvpDaemon.Network;

/// <summary>Every interface of the system at one moment, in the system's order, and the holder of the default route.</summary>
/// <param name="Interfaces">Every interface, ordered by index (Linux) or as the system lists them (FreeBSD).</param>
/// <param name="DefaultRouteInterface">
/// The name of the interface carrying the preferred default route (lowest-metric IPv4 default, else lowest-metric IPv6
/// default), or null when there is none.
/// </param>
internal sealed record NetworkSnapshot(IReadOnlyList<InterfaceInfo> Interfaces, string? DefaultRouteInterface)
{
    public static NetworkSnapshot Build(IReadOnlyList<InterfaceInfo> interfaces, IReadOnlyList<DefaultRoute> routes)
    {
        var preferred = routes
            .Where(route => route.Gateway.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork)
            .OrderBy(route => route.Metric)
            .Concat(routes
                .Where(route => route.Gateway.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6)
                .OrderBy(route => route.Metric))
            .FirstOrDefault(route => interfaces.Any(item => item.Name == route.InterfaceName));
        return new NetworkSnapshot(interfaces, preferred?.InterfaceName);
    }
}
