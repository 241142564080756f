// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

using static KvpDaemon.Protocol.KvpWireLayout;

namespace KvpDaemon.Protocol;

/// <summary>
/// Turns KVP messages into requests and replies into messages: the daemon's half of docs/protocol.md sections 2 and 3.
/// The kernel's half, used by the host simulator, is in <c>KvpCodec.Kernel.cs</c>. Buffers are exactly
/// <see cref="KvpAbi.MessageSize"/> bytes; the caller owns them.
/// </summary>
internal static partial class KvpCodec
{
    /// <summary>The daemon's registration message: zeroed (QUIRK-35) apart from the ABI's registration opcode.</summary>
    public static void EncodeRegistration(KvpAbi abi, Span<byte> message)
    {
        CheckSize(abi, message.Length);
        message.Clear();
        message[Operation] = abi.RegisterOperation;
    }

    /// <summary>
    /// Recognises the Linux kernel's registration reply (op = the registration opcode) and reads the version it carries
    /// at abs 4 ("3.1"; docs/protocol.md 3.1 step 2).
    /// </summary>
    public static bool TryDecodeRegistrationReply(KvpAbi abi, ReadOnlySpan<byte> message, out string version)
    {
        CheckSize(abi, message.Length);
        var reader = new KvpMessageReader(message);
        if (!abi.ExpectsRegistrationReply || reader.ReadByte(Operation) != abi.RegisterOperation)
        {
            version = string.Empty;
            return false;
        }

        version = reader.ReadString(RegisterVersion, RegisterVersionSize);
        return true;
    }

    /// <summary>Decodes a kernel request (docs/protocol.md 3.4). Never throws on content; unknown opcodes decode too.</summary>
    public static KvpRequest DecodeRequest(KvpAbi abi, ReadOnlySpan<byte> message)
    {
        CheckSize(abi, message.Length);
        var reader = new KvpMessageReader(message);
        var pool = reader.ReadByte(Pool);
        var operation = reader.ReadByte(Operation);

        // key_size and value_size are ignored on purpose: lengths come from the NUL terminators (QUIRK-16), and the
        // kernels send value_size = 0 on GET (QUIRK-10).
        return (KvpOperation)operation switch
        {
            KvpOperation.KVP_OP_GET => new KvpGetRequest(pool, reader.ReadText(GetSetKey, HV_KVP_EXCHANGE_MAX_KEY_SIZE)),
            KvpOperation.KVP_OP_SET => new KvpSetRequest(
                pool,
                reader.ReadText(GetSetKey, HV_KVP_EXCHANGE_MAX_KEY_SIZE),
                reader.ReadText(GetSetValue, HV_KVP_EXCHANGE_MAX_VALUE_SIZE)),
            KvpOperation.KVP_OP_DELETE => new KvpDeleteRequest(pool, reader.ReadText(DeleteKey, HV_KVP_EXCHANGE_MAX_KEY_SIZE)),
            KvpOperation.KVP_OP_ENUMERATE => new KvpEnumerateRequest(pool, reader.ReadUInt32(EnumerateIndex)),
            KvpOperation.KVP_OP_GET_IP_INFO => new KvpGetIpInfoRequest(
                pool,
                reader.ReadString(IpAdapterId, IpAdapterIdSize),
                reader.ReadByte(IpAddrFamily)),
            KvpOperation.KVP_OP_SET_IP_INFO => ReadIpInfo(
                reader,
                pool,
                static (pool, adapter, family, dhcp, addresses, subnets, gateways, dns) =>
                    new KvpSetIpInfoRequest(pool, adapter, family, dhcp, addresses, subnets, gateways, dns)),
            _ => new KvpUnknownRequest(pool, operation),
        };
    }

    /// <summary>
    /// Encodes a reply into a zeroed message: the status over the header (docs/protocol.md 2.1), then, for a successful
    /// GET, ENUMERATE or GET_IP_INFO, the fields this ABI's kernel reads back (docs/protocol.md 3.5).
    /// </summary>
    public static void EncodeReply(KvpAbi abi, KvpReply reply, Span<byte> message)
    {
        ArgumentNullException.ThrowIfNull(reply);
        CheckSize(abi, message.Length);
        message.Clear();
        var writer = new KvpMessageWriter(message);
        writer.WriteUInt32(Error, (uint)reply.Status);
        if (reply.Status != HvStatus.HV_S_OK)
        {
            return;
        }

        switch (reply)
        {
            case KvpGetReply get:
                // The Linux kernel reads a GET value at the enumerate offset (532), FreeBSD at the GET offset (528).
                // The two regions overlap, so exactly one is written (docs/protocol.md 4.2).
                writer.WriteText(abi.GetReplyValueOffset, HV_KVP_EXCHANGE_MAX_VALUE_SIZE, get.Value.Bytes);
                break;
            case KvpEnumerateReply enumerate:
                writer.WriteText(EnumerateKey, HV_KVP_EXCHANGE_MAX_KEY_SIZE, enumerate.Key.Bytes);
                writer.WriteText(EnumerateValue, HV_KVP_EXCHANGE_MAX_VALUE_SIZE, enumerate.Value.Bytes);
                break;
            case KvpIpInfoReply ip:
                writer.WriteString(IpAdapterId, IpAdapterIdSize, ip.AdapterId, HostAdapterIdUnits - 1);
                writer.WriteByte(IpAddrFamily, ip.AddressFamily);
                writer.WriteByte(IpDhcpEnabled, ip.DhcpEnabled ? (byte)1 : (byte)0);
                writer.WriteString(IpAddr, IpAddrSize, ip.IpAddresses, HostIpAddrUnits - 1);
                writer.WriteString(IpSubNet, IpSubNetSize, ip.Subnets, HostIpAddrUnits - 1);
                writer.WriteString(IpGateWay, IpGateWaySize, ip.Gateways, HostGateWayUnits - 1);
                writer.WriteString(IpDnsAddr, IpDnsAddrSize, ip.DnsServers, HostIpAddrUnits - 1);
                break;
            case KvpStatusReply:
                break;
            default:
                throw new ArgumentException($"Unknown reply type {reply.GetType().Name}.", nameof(reply));
        }
    }

    /// <summary>
    /// Reads the IP-info body (docs/protocol.md 2.3), which a SET_IP_INFO request and a GET_IP_INFO reply share, and
    /// hands <paramref name="pool"/> and the fields in wire order to <paramref name="create"/>. Any nonzero dhcp_enabled
    /// byte counts as enabled.
    /// </summary>
    private static T ReadIpInfo<T>(
        KvpMessageReader reader,
        byte pool,
        Func<byte, string, byte, bool, string, string, string, string, T> create) => create(
        pool,
        reader.ReadString(IpAdapterId, IpAdapterIdSize),
        reader.ReadByte(IpAddrFamily),
        reader.ReadByte(IpDhcpEnabled) != 0,
        reader.ReadString(IpAddr, IpAddrSize),
        reader.ReadString(IpSubNet, IpSubNetSize),
        reader.ReadString(IpGateWay, IpGateWaySize),
        reader.ReadString(IpDnsAddr, IpDnsAddrSize));

    private static void CheckSize(KvpAbi abi, int length)
    {
        ArgumentNullException.ThrowIfNull(abi);
        if (length != abi.MessageSize)
        {
            ThrowHelper.ThrowMessageSizeMismatch(abi, length);
        }
    }
}
