// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

using System.Globalization;
using KvpDaemon.HostSimulator.Simulation;
using KvpDaemon.Protocol;

namespace KvpDaemon.HostSimulator.Scripting;

/// <summary>
/// Prints replies as the stable, greppable lines scripts and tests match on: <c>OK</c>, <c>OK value=V</c>,
/// <c>OK key=K value=V</c>, <c>HV_S_CONT (0x80070103)</c>, and for GET_IP_INFO <c>OK</c> followed by one
/// <c>field=value</c> line per field (the wire field names). Text is printed as it is, except that a backslash and
/// control characters are escaped (<c>\\</c>, <c>\n</c>, <c>\xNN</c>) so that every reply stays on its lines.
/// </summary>
internal static class ReplyFormatter
{
    /// <summary>The lines for one reply.</summary>
    public static IReadOnlyList<string> Format(KvpReply reply)
    {
        return reply switch
        {
            KvpGetReply get => [$"OK value={Escape(get.Value.ToString())}"],
            KvpEnumerateReply item => [FormatItem(item)],
            KvpIpInfoReply ip =>
            [
                "OK",
                $"adapter_id={Escape(ip.AdapterId)}",
                $"addr_family={ip.AddressFamily.ToString(CultureInfo.InvariantCulture)}",
                $"dhcp_enabled={(ip.DhcpEnabled ? 1 : 0)}",
                $"ip_addr={Escape(ip.IpAddresses)}",
                $"sub_net={Escape(ip.Subnets)}",
                $"gate_way={Escape(ip.Gateways)}",
                $"dns_addr={Escape(ip.DnsServers)}",
            ],
            _ => [FormatStatus(reply.Status)],
        };
    }

    /// <summary>An enumeration: one <c>OK key=K value=V</c> line per item, then <c>END count=N STATUS</c>.</summary>
    public static IReadOnlyList<string> Format(KvpEnumeration enumeration)
    {
        var lines = enumeration.Items.Select(FormatItem).ToList();
        lines.Add($"END count={enumeration.Items.Count.ToString(CultureInfo.InvariantCulture)} {FormatStatus(enumeration.EndStatus)}");
        return lines;
    }

    /// <summary><c>OK</c> for HV_S_OK, else the status name and its hexadecimal value: <c>HV_S_CONT (0x80070103)</c>.</summary>
    public static string FormatStatus(HvStatus status)
    {
        if (status == HvStatus.HV_S_OK)
        {
            return "OK";
        }

        var name = Enum.IsDefined(status) ? status.ToString() : "UNKNOWN_STATUS";
        return $"{name} (0x{((uint)status).ToString("X8", CultureInfo.InvariantCulture)})";
    }

    /// <inheritdoc cref="DisplayText.Escape(string)"/>
    public static string Escape(string text) => DisplayText.Escape(text);

    private static string FormatItem(KvpEnumerateReply item) =>
        $"OK key={Escape(item.Key.ToString())} value={Escape(item.Value.ToString())}";
}
