// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

using System.Net;

namespace KvpDaemon.Network;

/// <summary>
/// One network interface as an <see cref="INetworkInspector"/> saw it. Immutable; a snapshot is not refreshed.
/// </summary>
/// <param name="Name">The kernel's interface name (compared exactly: <c>eth1</c> is not <c>eth10</c>, QUIRK-25).</param>
/// <param name="Index">The kernel's interface index, or 0 when it is not known.</param>
/// <param name="Mac">The link-layer address when it is a 6-byte MAC; null for interfaces without one (tun, ipip).</param>
/// <param name="IsLoopback">IFF_LOOPBACK is set.</param>
/// <param name="IsUp">IFF_UP is set (administratively up).</param>
/// <param name="Addresses">Unicast addresses in the order the system lists them (getifaddrs order).</param>
/// <param name="DefaultGateways">Gateways of the default routes through THIS interface only (QUIRK-26).</param>
internal sealed record InterfaceInfo(
    string Name,
    int Index,
    MacAddress? Mac,
    bool IsLoopback,
    bool IsUp,
    IReadOnlyList<InterfaceAddress> Addresses,
    IReadOnlyList<IPAddress> DefaultGateways);

/// <summary>
/// The DNS servers and DHCP state of one interface. Gathered separately from <see cref="InterfaceInfo"/> because it
/// costs several file reads and GET_IP_INFO needs it for one interface only.
/// </summary>
/// <param name="DnsServers">The interface's servers when the system keeps them per link, else the global ones.</param>
/// <param name="Dhcp">Whether the interface is configured by DHCP, as far as the configuration on disk tells.</param>
internal sealed record InterfaceConfiguration(IReadOnlyList<IPAddress> DnsServers, DhcpState Dhcp);
