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
        // The pool operations are read once, by the in-place reader the daemon's loop uses, and copied out here.
        if (TryDecodePoolRequest(abi, message, out var poolRequest))
        {
            return poolRequest.ToRequest();
        }

        var reader = new KvpMessageReader(message);
        var pool = reader.ReadByte(Pool);
        var operation = reader.ReadByte(Operation);
        return (KvpOperation)operation switch
        {
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
    /// Reads a GET, SET, DELETE or ENUMERATE in place (<see cref="KvpPoolRequest"/>); false for any other operation.
    /// <see cref="DecodeRequest"/> reads these four through here too.
    /// </summary>
    public static bool TryDecodePoolRequest(KvpAbi abi, ReadOnlySpan<byte> message, out KvpPoolRequest request)
    {
        CheckSize(abi, message.Length);
        var reader = new KvpMessageReader(message);
        var pool = reader.ReadByte(Pool);
        var operation = (KvpOperation)reader.ReadByte(Operation);

        // key_size and value_size are ignored on purpose: lengths come from the NUL terminators (QUIRK-16), and the
        // kernels send value_size = 0 on GET (QUIRK-10).
        request = operation switch
        {
            KvpOperation.KVP_OP_GET => new(operation, pool, reader.ReadTextInPlace(GetSetKey, HV_KVP_EXCHANGE_MAX_KEY_SIZE), default, 0),
            KvpOperation.KVP_OP_SET => new(
                operation,
                pool,
                reader.ReadTextInPlace(GetSetKey, HV_KVP_EXCHANGE_MAX_KEY_SIZE),
                reader.ReadTextInPlace(GetSetValue, HV_KVP_EXCHANGE_MAX_VALUE_SIZE),
                0),
            KvpOperation.KVP_OP_DELETE => new(operation, pool, reader.ReadTextInPlace(DeleteKey, HV_KVP_EXCHANGE_MAX_KEY_SIZE), default, 0),
            KvpOperation.KVP_OP_ENUMERATE => new(operation, pool, default, default, reader.ReadUInt32(EnumerateIndex)),
            _ => default,
        };
        return operation is KvpOperation.KVP_OP_GET or KvpOperation.KVP_OP_SET or KvpOperation.KVP_OP_DELETE or KvpOperation.KVP_OP_ENUMERATE;
    }

    /// <summary>A successful GET reply: the value where this ABI's kernel reads it (see <see cref="EncodeReply"/>).</summary>
    public static void EncodeGetReply(KvpAbi abi, ReadOnlySpan<byte> value, Span<byte> message)
    {
        var writer = StartReply(abi, HvStatus.HV_S_OK, message);

        // The Linux kernel reads a GET value at the enumerate offset (532), FreeBSD at the GET offset (528).
        // The two regions overlap, so exactly one is written (docs/protocol.md 4.2).
        writer.WriteText(abi.GetReplyValueOffset, HV_KVP_EXCHANGE_MAX_VALUE_SIZE, value);
    }

    /// <summary>A successful ENUMERATE reply: the item's key and value (see <see cref="EncodeReply"/>).</summary>
    public static void EncodeEnumerateReply(KvpAbi abi, ReadOnlySpan<byte> key, ReadOnlySpan<byte> value, Span<byte> message)
    {
        var writer = StartReply(abi, HvStatus.HV_S_OK, message);
        writer.WriteText(EnumerateKey, HV_KVP_EXCHANGE_MAX_KEY_SIZE, key);
        writer.WriteText(EnumerateValue, HV_KVP_EXCHANGE_MAX_VALUE_SIZE, value);
    }

    /// <summary>
    /// Encodes a reply into a zeroed message: the status over the header (docs/protocol.md 2.1), then, for a successful
    /// GET, ENUMERATE or GET_IP_INFO, the fields this ABI's kernel reads back (docs/protocol.md 3.5).
    /// </summary>
    public static void EncodeReply(KvpAbi abi, KvpReply reply, Span<byte> message)
    {
        if (reply.Status != HvStatus.HV_S_OK)
        {
            StartReply(abi, reply.Status, message);
            return;
        }

        switch (reply)
        {
            case KvpGetReply get:
                EncodeGetReply(abi, get.Value.Bytes, message);
                break;
            case KvpEnumerateReply enumerate:
                EncodeEnumerateReply(abi, enumerate.Key.Bytes, enumerate.Value.Bytes, message);
                break;
            case KvpIpInfoReply ip:
                var writer = StartReply(abi, HvStatus.HV_S_OK, message);
                writer.WriteString(IpAdapterId, IpAdapterIdSize, ip.AdapterId, HostAdapterIdUnits - 1);
                writer.WriteByte(IpAddrFamily, ip.AddressFamily);
                writer.WriteByte(IpDhcpEnabled, ip.DhcpEnabled ? (byte)1 : (byte)0);
                writer.WriteString(IpAddr, IpAddrSize, ip.IpAddresses, HostIpAddrUnits - 1);
                writer.WriteString(IpSubNet, IpSubNetSize, ip.Subnets, HostIpAddrUnits - 1);
                writer.WriteString(IpGateWay, IpGateWaySize, ip.Gateways, HostGateWayUnits - 1);
                writer.WriteString(IpDnsAddr, IpDnsAddrSize, ip.DnsServers, HostIpAddrUnits - 1);
                break;
            case KvpStatusReply:
                StartReply(abi, HvStatus.HV_S_OK, message);
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

    /// <summary>Zeroes the message and writes the status over the header; the writer for the rest.</summary>
    private static KvpMessageWriter StartReply(KvpAbi abi, HvStatus status, Span<byte> message)
    {
        CheckSize(abi, message.Length);
        message.Clear();
        var writer = new KvpMessageWriter(message);
        writer.WriteUInt32(Error, (uint)status);
        return writer;
    }

    private static void CheckSize(KvpAbi abi, int length)
    {
        if (length != abi.MessageSize)
        {
            ThrowHelper.ThrowMessageSizeMismatch(abi, length);
        }
    }
}
