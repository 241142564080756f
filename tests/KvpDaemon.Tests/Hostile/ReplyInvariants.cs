// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

using System.Text.Unicode;
using KvpDaemon.Pools;
using KvpDaemon.Protocol;
using static KvpDaemon.Protocol.KvpWireLayout;

namespace KvpDaemon.Tests.Hostile;

/// <summary>
/// What every reply and every pool file must satisfy whatever the request was (docs/protocol.md 1.4, 3.5, section 7):
/// a defined status for the operation, a reply of the ABI's size whose strings are well-formed UTF-8 NUL-terminated
/// inside their fields with nothing else written, and pool files changed only by a successful SET or DELETE.
/// </summary>
internal static class ReplyInvariants
{
    /// <summary>The statuses the dispatcher may answer for each request type (docs/behaviour.md, "Statuses").</summary>
    public static IReadOnlySet<HvStatus> DefinedStatuses(KvpRequest request) => request switch
    {
        KvpGetRequest or KvpSetRequest or KvpDeleteRequest or KvpEnumerateRequest =>
            new HashSet<HvStatus> { HvStatus.HV_S_OK, HvStatus.HV_S_CONT, HvStatus.HV_E_FAIL },
        KvpGetIpInfoRequest => new HashSet<HvStatus> { HvStatus.HV_S_OK, HvStatus.HV_E_FAIL },
        KvpSetIpInfoRequest => new HashSet<HvStatus>
        {
            HvStatus.HV_S_OK, HvStatus.HV_E_FAIL, HvStatus.HV_GUID_NOTFOUND, HvStatus.HV_INVALIDARG,
        },
        KvpUnknownRequest => new HashSet<HvStatus> { HvStatus.HV_ERROR_NOT_SUPPORTED },
        _ => throw new ArgumentException(request.GetType().Name, nameof(request)),
    };

    /// <summary>Every problem with one exchange; empty when it satisfies all invariants.</summary>
    public static List<string> Check(KvpAbi abi, HostileRig.Exchange exchange, byte[][] before, byte[][] after)
    {
        var problems = new List<string>();
        if (!DefinedStatuses(exchange.Request).Contains(exchange.Status))
        {
            problems.Add($"status {exchange.Status} is not defined for {exchange.Request.GetType().Name}");
        }

        if (exchange.Encoded.Length != abi.MessageSize)
        {
            problems.Add($"reply of {exchange.Encoded.Length} bytes");
        }

        CheckFields(abi, exchange, problems);

        var mayWrite = exchange.Status == HvStatus.HV_S_OK
            && exchange.Request is KvpSetRequest or KvpDeleteRequest
            && KvpPools.IsValid(exchange.Request.Pool)
            && exchange.Request.Pool != (byte)KvpPool.Intrinsic;
        for (var pool = 0; pool < before.Length; pool++)
        {
            var changed = !before[pool].AsSpan().SequenceEqual(after[pool]);
            if (changed && (!mayWrite || pool != exchange.Request.Pool))
            {
                problems.Add($"pool file {pool} changed ({before[pool].Length} -> {after[pool].Length} bytes)");
            }

            if (after[pool].Length % KvpRecord.Size != 0)
            {
                problems.Add($"pool file {pool} is {after[pool].Length} bytes, not whole records");
            }
        }

        return problems;
    }

    /// <summary>
    /// The string fields the ABI's kernel reads for this reply (docs/protocol.md 3.5), each checked for a terminator inside
    /// the field and well-formed UTF-8 before it; every other byte after the status must be zero.
    /// </summary>
    private static void CheckFields(KvpAbi abi, HostileRig.Exchange exchange, List<string> problems)
    {
        var fields = exchange.Status != HvStatus.HV_S_OK
            ? []
            : exchange.Reply switch
            {
                KvpGetReply => [(abi.GetReplyValueOffset, HV_KVP_EXCHANGE_MAX_VALUE_SIZE)],
                KvpEnumerateReply => [(EnumerateKey, HV_KVP_EXCHANGE_MAX_KEY_SIZE), (EnumerateValue, HV_KVP_EXCHANGE_MAX_VALUE_SIZE)],
                KvpIpInfoReply =>
                [
                    (IpAdapterId, IpAdapterIdSize), (IpAddr, IpAddrSize), (IpSubNet, IpSubNetSize),
                    (IpGateWay, IpGateWaySize), (IpDnsAddr, IpDnsAddrSize),
                ],
                _ => Array.Empty<(int Offset, int Size)>(),
            };

        var message = exchange.Encoded.AsSpan();
        if (fields.Length == 0 && exchange.Reply is not KvpIpInfoReply)
        {
            if (message[ErrorSize..].IndexOfAnyExcept((byte)0) is var stray and >= 0)
            {
                problems.Add($"byte abs {stray + ErrorSize} is 0x{message[stray + ErrorSize]:x2} in a status-only reply");
            }

            return;
        }

        var written = new bool[message.Length];
        written.AsSpan(0, ErrorSize).Fill(true);
        if (exchange.Reply is KvpIpInfoReply && exchange.Status == HvStatus.HV_S_OK)
        {
            written[IpAddrFamily] = true;
            written[IpDhcpEnabled] = true;
        }

        foreach (var (offset, size) in fields)
        {
            var field = message.Slice(offset, size);
            var end = field.IndexOf((byte)0);
            if (end < 0)
            {
                problems.Add($"field at abs {offset} has no NUL within {size} bytes");
                continue;
            }

            if (!Utf8.IsValid(field[..end]))
            {
                problems.Add($"field at abs {offset} is not well-formed UTF-8");
            }

            written.AsSpan(offset, end).Fill(true);
        }

        for (var i = 0; i < message.Length; i++)
        {
            if (!written[i] && message[i] != 0)
            {
                problems.Add($"byte abs {i} is 0x{message[i]:x2}, outside every field the kernel reads");
                break;
            }
        }
    }
}
