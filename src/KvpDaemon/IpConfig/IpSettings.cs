// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

using System.Net;
using System.Net.Sockets;

namespace KvpDaemon.IpConfig;

/// <summary>
/// The validated lists of a SET_IP_INFO request (docs/protocol.md 6.1), produced only by <see cref="IpSettingsParser"/>.
/// Every item is a parsed <see cref="IPAddress"/> or a prefix length, so whatever a backend writes from them is made of
/// hex digits, decimal digits, '.', ':' and '/' only: host text never reaches a file or a command.
/// </summary>
/// <param name="DhcpEnabled">
/// IPv4 by DHCP. The reference daemon notes it concerns IPv4 only (6.1); backends then leave static IPv4 entries out,
/// except the script backend, which reproduces the reference files as they are.
/// </param>
/// <param name="Addresses">The addresses in the host's order, each paired with the subnet at the same index.</param>
/// <param name="Gateways">Default gateways in the host's order. Backends with a single gateway per family use the first.</param>
/// <param name="DnsServers">Name servers in the host's order.</param>
internal sealed record IpSettings(
    bool DhcpEnabled,
    IReadOnlyList<IpInterfaceAddress> Addresses,
    IReadOnlyList<IPAddress> Gateways,
    IReadOnlyList<IPAddress> DnsServers)
{
    /// <summary>The IPv4 addresses to configure statically: none when DHCP is on.</summary>
    public IReadOnlyList<IpInterfaceAddress> StaticIpv4 =>
        DhcpEnabled ? [] : Addresses.Where(a => a.IsIpv4).ToArray();

    public IReadOnlyList<IpInterfaceAddress> StaticIpv6 => Addresses.Where(a => !a.IsIpv4).ToArray();

    /// <summary>The IPv4 gateways to configure: none when DHCP is on (DHCP supplies the router).</summary>
    public IReadOnlyList<IPAddress> Ipv4Gateways =>
        DhcpEnabled ? [] : Gateways.Where(g => g.AddressFamily == AddressFamily.InterNetwork).ToArray();

    public IReadOnlyList<IPAddress> Ipv6Gateways =>
        Gateways.Where(g => g.AddressFamily == AddressFamily.InterNetworkV6).ToArray();
}

/// <summary>An interface address with its prefix length (IPv4 0..32, IPv6 0..128).</summary>
internal readonly record struct IpInterfaceAddress(IPAddress Address, int PrefixLength)
{
    public bool IsIpv4 => Address.AddressFamily == AddressFamily.InterNetwork;

    /// <summary><c>192.168.1.10/24</c>, <c>2001:db8::10/64</c>.</summary>
    public string Cidr => $"{Address}/{PrefixLength}";

    /// <summary>The dotted mask of an IPv4 address (<c>255.255.255.0</c>).</summary>
    public string Ipv4Mask => IpText.Ipv4Mask(PrefixLength);
}
