// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

namespace KvpDaemon.Protocol;

/// <summary>
/// What the daemon answers to one request (docs/protocol.md 3.5). A reply is a separate type from its request: nothing is
/// echoed implicitly. Data is only encoded when <see cref="Status"/> is HV_S_OK; the kernel ignores it otherwise.
/// </summary>
internal abstract record KvpReply(HvStatus Status);

/// <summary>A status with no data: SET, DELETE, SET_IP_INFO, and every failure.</summary>
internal sealed record KvpStatusReply(HvStatus Status) : KvpReply(Status)
{
    public static readonly KvpStatusReply Ok = new(HvStatus.HV_S_OK);
    public static readonly KvpStatusReply Continue = new(HvStatus.HV_S_CONT);
    public static readonly KvpStatusReply Fail = new(HvStatus.HV_E_FAIL);
}

/// <summary>A successful GET.</summary>
internal sealed record KvpGetReply(KvpText Value) : KvpReply(HvStatus.HV_S_OK);

/// <summary>A successful ENUMERATE: the item at the requested index.</summary>
internal sealed record KvpEnumerateReply(KvpText Key, KvpText Value) : KvpReply(HvStatus.HV_S_OK);

/// <summary>
/// A successful GET_IP_INFO (docs/protocol.md 5.2). The lists are already formatted for the platform and fit their fields
/// (<see cref="KvpAddressList"/>).
/// </summary>
internal sealed record KvpIpInfoReply(
    string AdapterId,
    byte AddressFamily,
    bool DhcpEnabled,
    string IpAddresses,
    string Subnets,
    string Gateways,
    string DnsServers) : KvpReply(HvStatus.HV_S_OK);
