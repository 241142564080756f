// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

using static KvpDaemon.Protocol.KvpWireLayout;

namespace KvpDaemon.Protocol;

/// <summary>
/// The IP-info body (docs/protocol.md 2.3) as it is read from a message. A SET_IP_INFO request and a GET_IP_INFO reply
/// carry the same fields at the same offsets, so the daemon's decoder and the kernel side's decoder read them here, once.
/// </summary>
internal readonly record struct KvpIpInfoFields(
    string AdapterId,
    byte AddressFamily,
    bool DhcpEnabled,
    string IpAddresses,
    string Subnets,
    string Gateways,
    string DnsServers)
{
    /// <summary>Reads every IP-info field; any nonzero dhcp_enabled byte counts as enabled.</summary>
    public static KvpIpInfoFields Read(KvpMessageReader reader) => new(
        reader.ReadString(IpAdapterId, IpAdapterIdSize),
        reader.ReadByte(IpAddrFamily),
        reader.ReadByte(IpDhcpEnabled) != 0,
        reader.ReadString(IpAddr, IpAddrSize),
        reader.ReadString(IpSubNet, IpSubNetSize),
        reader.ReadString(IpGateWay, IpGateWaySize),
        reader.ReadString(IpDnsAddr, IpDnsAddrSize));

    /// <summary>The fields as the SET_IP_INFO request of <paramref name="pool"/>.</summary>
    public KvpSetIpInfoRequest ToSetRequest(byte pool) =>
        new(pool, AdapterId, AddressFamily, DhcpEnabled, IpAddresses, Subnets, Gateways, DnsServers);

    /// <summary>The fields as a successful GET_IP_INFO reply.</summary>
    public KvpIpInfoReply ToReply() =>
        new(AdapterId, AddressFamily, DhcpEnabled, IpAddresses, Subnets, Gateways, DnsServers);
}
