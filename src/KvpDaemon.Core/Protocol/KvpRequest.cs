// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

namespace KvpDaemon.Protocol;

/// <summary>
/// A decoded kernel-to-daemon message (docs/protocol.md 3.4). One small immutable type per operation; the raw buffer never
/// travels further than <see cref="KvpCodec"/>. <see cref="Pool"/> is the byte as received: it may be out of range.
/// </summary>
internal abstract record KvpRequest(byte Pool);

/// <summary>KVP_OP_GET: the value of <paramref name="Key"/> in a pool.</summary>
internal sealed record KvpGetRequest(byte Pool, KvpText Key) : KvpRequest(Pool);

/// <summary>KVP_OP_SET: store <paramref name="Value"/> under <paramref name="Key"/>.</summary>
internal sealed record KvpSetRequest(byte Pool, KvpText Key, KvpText Value) : KvpRequest(Pool);

/// <summary>KVP_OP_DELETE.</summary>
internal sealed record KvpDeleteRequest(byte Pool, KvpText Key) : KvpRequest(Pool);

/// <summary>KVP_OP_ENUMERATE: the item at <paramref name="Index"/>, an unsigned 32-bit index (QUIRK-21).</summary>
internal sealed record KvpEnumerateRequest(byte Pool, uint Index) : KvpRequest(Pool);

/// <summary>KVP_OP_GET_IP_INFO: the IP configuration of the adapter whose MAC is <paramref name="AdapterId"/>.</summary>
internal sealed record KvpGetIpInfoRequest(byte Pool, string AdapterId, byte AddressFamily) : KvpRequest(Pool);

/// <summary>
/// KVP_OP_SET_IP_INFO: a static configuration to apply (docs/protocol.md 6.1). The lists are the ';'-separated text the host
/// sent; they are validated by the IP-configuration handler, not here.
/// </summary>
internal sealed record KvpSetIpInfoRequest(
    byte Pool,
    string AdapterId,
    byte AddressFamily,
    bool DhcpEnabled,
    string IpAddresses,
    string Subnets,
    string Gateways,
    string DnsServers) : KvpRequest(Pool);

/// <summary>An operation byte this daemon does not implement; answered HV_ERROR_NOT_SUPPORTED (QUIRK-23).</summary>
internal sealed record KvpUnknownRequest(byte Pool, byte Operation) : KvpRequest(Pool);
