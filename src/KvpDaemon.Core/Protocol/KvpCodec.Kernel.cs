// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

using static KvpDaemon.Protocol.KvpWireLayout;

namespace KvpDaemon.Protocol;

/// <summary>
/// The kernel's half of the exchange, for the host simulator and the tests: requests built the way the kernels build
/// them (a zeroed message with the fields of docs/protocol.md 3.4, sizes as the Linux kernel computes them), and replies read
/// back from the offsets the ABI's kernel reads (docs/protocol.md 3.5).
/// </summary>
internal static partial class KvpCodec
{
    /// <summary>Builds the message a kernel hands the daemon for <paramref name="request"/>.</summary>
    public static void EncodeRequest(KvpAbi abi, KvpRequest request, Span<byte> message)
    {
        CheckSize(abi, message.Length);
        message.Clear();
        var writer = new KvpMessageWriter(message);
        writer.WriteByte(Pool, request.Pool);
        switch (request)
        {
            case KvpGetRequest get:
                writer.WriteByte(Operation, (byte)KvpOperation.KVP_OP_GET);
                WriteKey(ref writer, GetSetKeySize, GetSetKey, get.Key);
                break;
            case KvpSetRequest set:
                writer.WriteByte(Operation, (byte)KvpOperation.KVP_OP_SET);
                WriteKey(ref writer, GetSetKeySize, GetSetKey, set.Key);
                var valueLength = writer.WriteText(GetSetValue, HV_KVP_EXCHANGE_MAX_VALUE_SIZE, set.Value.Bytes);
                writer.WriteUInt32(GetSetValueSize, (uint)valueLength + 1);
                break;
            case KvpDeleteRequest delete:
                writer.WriteByte(Operation, (byte)KvpOperation.KVP_OP_DELETE);
                WriteKey(ref writer, DeleteKeySize, DeleteKey, delete.Key);
                break;
            case KvpEnumerateRequest enumerate:
                writer.WriteByte(Operation, (byte)KvpOperation.KVP_OP_ENUMERATE);
                writer.WriteUInt32(EnumerateIndex, enumerate.Index);
                break;
            case KvpGetIpInfoRequest getIp:
                writer.WriteByte(Operation, (byte)KvpOperation.KVP_OP_GET_IP_INFO);
                writer.WriteString(IpAdapterId, IpAdapterIdSize, getIp.AdapterId, HostAdapterIdUnits);
                writer.WriteByte(IpAddrFamily, getIp.AddressFamily);
                break;
            case KvpSetIpInfoRequest setIp:
                writer.WriteByte(Operation, (byte)KvpOperation.KVP_OP_SET_IP_INFO);
                writer.WriteString(IpAdapterId, IpAdapterIdSize, setIp.AdapterId, HostAdapterIdUnits);
                writer.WriteByte(IpAddrFamily, setIp.AddressFamily);
                writer.WriteByte(IpDhcpEnabled, setIp.DhcpEnabled ? (byte)1 : (byte)0);
                writer.WriteString(IpAddr, IpAddrSize, setIp.IpAddresses, HostIpAddrUnits);
                writer.WriteString(IpSubNet, IpSubNetSize, setIp.Subnets, HostIpAddrUnits);
                writer.WriteString(IpGateWay, IpGateWaySize, setIp.Gateways, HostGateWayUnits);
                writer.WriteString(IpDnsAddr, IpDnsAddrSize, setIp.DnsServers, HostIpAddrUnits);
                break;
            case KvpUnknownRequest unknown:
                writer.WriteByte(Operation, unknown.Operation);
                break;
            default:
                throw new ArgumentException($"Unknown request type {request.GetType().Name}.", nameof(request));
        }
    }

    /// <summary>The Linux kernel's registration reply: op = the registration opcode, the version at abs 4.</summary>
    public static void EncodeRegistrationReply(KvpAbi abi, string version, Span<byte> message)
    {
        CheckSize(abi, message.Length);
        message.Clear();
        var writer = new KvpMessageWriter(message);
        writer.WriteByte(Operation, abi.RegisterOperation);
        writer.WriteString(RegisterVersion, RegisterVersionSize, version);
    }

    /// <summary>Whether <paramref name="message"/> is this ABI's registration message.</summary>
    public static bool IsRegistration(KvpAbi abi, ReadOnlySpan<byte> message) =>
        message.Length == abi.MessageSize && message[Operation] == abi.RegisterOperation;

    /// <summary>Reads a reply the way the ABI's kernel does for the operation it asked for.</summary>
    public static KvpReply DecodeReply(KvpAbi abi, KvpOperation operation, ReadOnlySpan<byte> message)
    {
        CheckSize(abi, message.Length);
        var reader = new KvpMessageReader(message);
        var status = (HvStatus)reader.ReadUInt32(Error);
        if (status != HvStatus.HV_S_OK)
        {
            return new KvpStatusReply(status);
        }

        return operation switch
        {
            KvpOperation.KVP_OP_GET => new KvpGetReply(reader.ReadText(abi.GetReplyValueOffset, HV_KVP_EXCHANGE_MAX_VALUE_SIZE)),
            KvpOperation.KVP_OP_ENUMERATE => new KvpEnumerateReply(
                reader.ReadText(EnumerateKey, HV_KVP_EXCHANGE_MAX_KEY_SIZE),
                reader.ReadText(EnumerateValue, HV_KVP_EXCHANGE_MAX_VALUE_SIZE)),
            KvpOperation.KVP_OP_GET_IP_INFO => ReadIpInfo(
                reader,
                pool: 0,
                static (_, adapter, family, dhcp, addresses, subnets, gateways, dns) =>
                    new KvpIpInfoReply(adapter, family, dhcp, addresses, subnets, gateways, dns)),
            _ => KvpStatusReply.Ok,
        };
    }

    /// <summary>key_size as the Linux kernel sets it: UTF-8 bytes including the NUL (docs/protocol.md 2.6).</summary>
    private static void WriteKey(ref KvpMessageWriter writer, int sizeOffset, int keyOffset, KvpText key)
    {
        var length = writer.WriteText(keyOffset, HV_KVP_EXCHANGE_MAX_KEY_SIZE, key.Bytes);
        writer.WriteUInt32(sizeOffset, (uint)length + 1);
    }
}
