// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

namespace KvpDaemon.Protocol;

/// <summary>
/// Byte offsets and sizes of <c>struct hv_kvp_msg</c>, the message the kernel and the daemon exchange through the KVP
/// device. Every value is an absolute offset into the message buffer and cites docs/protocol.md (its section 2 restates
/// Linux <c>include/uapi/linux/hyperv.h</c> and FreeBSD <c>sys/dev/hyperv/utilities/hv_kvp.h</c>). All integers are
/// little-endian. The layout is identical on both kernels except for the total size (<see cref="KvpAbi"/>).
/// </summary>
/// <remarks>
/// <code>
///  abs 0        4                                                                  7430   7432
///  +--+--+----+--------------------------------------------------------------------+------+
///  |op|pl|pad |  body union (7426 bytes; one of the layouts below)                  | pad  |  Linux only: 2 bytes
///  +--+--+----+--------------------------------------------------------------------+------+
///  |  error   |   (a reply overwrites op/pool/pad with the 32-bit status)
///
///  GET / SET      4 value_type | 8 key_size | 12 value_size | 16 key[512] | 528 value[2048]
///  DELETE         4 key_size   | 8 key[512]
///  ENUMERATE      4 index      | 8 value_type | 12 key_size | 16 value_size | 20 key[512] | 532 value[2048]
///  REGISTER       4 version[512]
///  IP info        4 adapter_id[256] | 260 addr_family | 261 dhcp_enabled | 262 ip_addr[2048]
///                 | 2310 sub_net[2048] | 4358 gate_way[1024] | 5382 dns_addr[2048]
/// </code>
/// </remarks>
internal static class KvpWireLayout
{
    // docs/protocol.md 2.1: the header union.
    public const int Operation = 0;
    public const int Pool = 1;
    public const int Error = 0;
    public const int ErrorSize = 4;
    public const int Body = 4;

    // docs/protocol.md 1.3: string field sizes in bytes, terminator included.
    public const int HV_KVP_EXCHANGE_MAX_KEY_SIZE = 512;
    public const int HV_KVP_EXCHANGE_MAX_VALUE_SIZE = 2048;

    // docs/protocol.md 2.3: GET and SET (body.kvp_get.data / body.kvp_set.data).
    public const int GetSetValueType = 4;
    public const int GetSetKeySize = 8;
    public const int GetSetValueSize = 12;
    public const int GetSetKey = 16;
    public const int GetSetValue = 528;

    // docs/protocol.md 2.3: DELETE (body.kvp_delete).
    public const int DeleteKeySize = 4;
    public const int DeleteKey = 8;

    // docs/protocol.md 2.3: ENUMERATE (body.kvp_enum_data).
    public const int EnumerateIndex = 4;
    public const int EnumerateValueType = 8;
    public const int EnumerateKeySize = 12;
    public const int EnumerateValueSize = 16;
    public const int EnumerateKey = 20;
    public const int EnumerateValue = 532;

    // docs/protocol.md 2.3: REGISTER (body.kvp_register); the Linux kernel's reply carries "3.1" here.
    public const int RegisterVersion = 4;
    public const int RegisterVersionSize = 512;

    // docs/protocol.md 2.3: IP info (body.kvp_ip_val, struct hv_kvp_ipaddr_value, packed). The u16 arrays carry UTF-8.
    public const int IpAdapterId = 4;
    public const int IpAdapterIdSize = 256;
    public const int IpAddrFamily = 260;
    public const int IpDhcpEnabled = 261;
    public const int IpAddr = 262;
    public const int IpAddrSize = 2048;
    public const int IpSubNet = 2310;
    public const int IpSubNetSize = 2048;
    public const int IpGateWay = 4358;
    public const int IpGateWaySize = 1024;
    public const int IpDnsAddr = 5382;
    public const int IpDnsAddrSize = 2048;

    /// <summary>End of the IP-info body, abs 7430: the size of the FreeBSD message (docs/protocol.md 2.5).</summary>
    public const int IpEnd = 7430;

    // docs/protocol.md 1.3 and 3.5: what the host can hold once the kernel has converted a reply to UTF-16. The adapter id
    // is 128 u16 (the kernels write at most 128 bytes of it), the lists 1024 or 512 u16. Our list text is ASCII, so a
    // byte is a unit; one unit is kept for the host's NUL.
    public const int HostAdapterIdUnits = 128;
    public const int HostIpAddrUnits = 1024;
    public const int HostGateWayUnits = 512;
}
