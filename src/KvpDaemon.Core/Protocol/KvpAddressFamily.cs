// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

namespace KvpDaemon.Protocol;

/// <summary><c>hv_kvp_ipaddr_value.addr_family</c>, a bit mask (docs/protocol.md 1.6).</summary>
[Flags]
internal enum KvpAddressFamily : byte
{
    ADDR_FAMILY_NONE = 0x00,
    ADDR_FAMILY_IPV4 = 0x01,
    ADDR_FAMILY_IPV6 = 0x02,
}
