// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

using System.Buffers.Binary;
using System.Globalization;
using System.Net;

namespace KvpDaemon.Network;

/// <summary>
/// Default routes from the kernel's text route tables, <c>/proc/net/route</c> and <c>/proc/net/ipv6_route</c>. Each
/// route keeps its exact device name, so gateways are attributed per interface (QUIRK-26) without the substring
/// matching of the reference daemons (QUIRK-25). Pure functions: malformed lines are skipped, never thrown on.
/// </summary>
internal static class LinuxRouteParser
{
    // include/uapi/linux/route.h and ipv6_route.h.
    private const uint RTF_UP = 0x0001;
    private const uint RTF_GATEWAY = 0x0002;
    private const uint RTF_REJECT = 0x0200;

    /// <summary>
    /// Parses <c>/proc/net/route</c>: a header line, then <c>Iface Destination Gateway Flags RefCnt Use Metric Mask ...</c>
    /// with the addresses printed as the in-memory 32-bit value in hex (so byte-swapped on little-endian hosts).
    /// </summary>
    /// <param name="text">The file text.</param>
    /// <param name="littleEndianHost">The byte order of the machine that wrote the table.</param>
    public static IReadOnlyList<DefaultRoute> ParseIPv4(string text, bool littleEndianHost)
    {
        var routes = new List<DefaultRoute>();
        foreach (var line in text.Split('\n'))
        {
            var fields = line.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length < 8
                || !TryHex(fields[1], out var destination)
                || !TryHex(fields[2], out var gateway)
                || !TryHex(fields[3], out var flags)
                || !uint.TryParse(fields[6], NumberStyles.None, CultureInfo.InvariantCulture, out var metric)
                || !TryHex(fields[7], out var mask))
            {
                // The header line and anything malformed.
                continue;
            }

            if (destination != 0 || mask != 0 || !IsUsableGatewayRoute(flags) || gateway == 0)
            {
                continue;
            }

            var bytes = new byte[4];
            if (littleEndianHost)
            {
                BinaryPrimitives.WriteUInt32LittleEndian(bytes, gateway);
            }
            else
            {
                BinaryPrimitives.WriteUInt32BigEndian(bytes, gateway);
            }

            routes.Add(new DefaultRoute(fields[0], new IPAddress(bytes), metric));
        }

        return routes;
    }

    /// <summary>
    /// Parses <c>/proc/net/ipv6_route</c>: <c>dest plen src splen nexthop metric refcnt use flags device</c>, the
    /// addresses as 32 hex digits in network order, the numbers in hex.
    /// </summary>
    public static IReadOnlyList<DefaultRoute> ParseIPv6(string text)
    {
        var routes = new List<DefaultRoute>();
        foreach (var line in text.Split('\n'))
        {
            var fields = line.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length < 10
                || !TryAddress6(fields[0], out var destination)
                || !TryHex(fields[1], out var prefixLength)
                || !TryAddress6(fields[4], out var nextHop)
                || !TryHex(fields[5], out var metric)
                || !TryHex(fields[8], out var flags))
            {
                continue;
            }

            if (prefixLength != 0 || !destination.Equals(IPAddress.IPv6Any) || !IsUsableGatewayRoute(flags)
                || nextHop.Equals(IPAddress.IPv6Any))
            {
                continue;
            }

            routes.Add(new DefaultRoute(fields[9], nextHop, metric));
        }

        return routes;
    }

    // An unreachable/prohibit default (the kernel's "lo" reject route) carries no gateway to report.
    private static bool IsUsableGatewayRoute(uint flags) =>
        (flags & RTF_UP) != 0 && (flags & RTF_GATEWAY) != 0 && (flags & RTF_REJECT) == 0;

    private static bool TryHex(string text, out uint value) =>
        uint.TryParse(text, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out value);

    private static bool TryAddress6(string text, out IPAddress address)
    {
        address = IPAddress.IPv6Any;
        if (text.Length != 32)
        {
            return false;
        }

        var bytes = new byte[16];
        for (var i = 0; i < 16; i++)
        {
            if (!byte.TryParse(text.AsSpan(i * 2, 2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out bytes[i]))
            {
                return false;
            }
        }

        address = new IPAddress(bytes);
        return true;
    }
}
