// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace KvpDaemon.Network;

/// <summary>How addresses are spelled on the wire (docs/protocol.md 5.2) and read from configuration text.</summary>
internal static class AddressText
{
    /// <summary>The inet_ntop form: no <c>%scope</c> suffix, as the reference daemons write addresses.</summary>
    public static string Format(IPAddress address)
    {
        if (address.AddressFamily == AddressFamily.InterNetworkV6 && address.ScopeId != 0)
        {
            return new IPAddress(address.GetAddressBytes()).ToString();
        }

        return address.ToString();
    }

    /// <summary>The sub_net entry of one address: IPv4 dotted mask, IPv6 <c>/prefix</c> (docs/protocol.md 5.2).</summary>
    public static string FormatSubnet(InterfaceAddress address)
    {
        if (address.Address.AddressFamily == AddressFamily.InterNetwork)
        {
            return IpConfig.IpText.Ipv4Mask(Math.Clamp(address.PrefixLength, 0, 32));
        }

        return string.Create(CultureInfo.InvariantCulture, $"/{address.PrefixLength}");
    }

    /// <summary>
    /// Parses a server as configuration files write it: a bare address, an address with a <c>%scope</c>, a systemd
    /// <c>address:port%ifindex#name</c> / <c>[v6]:port</c> form. Only the address is kept.
    /// </summary>
    public static bool TryParseServer(string text, out IPAddress address)
    {
        var span = text.AsSpan().Trim();
        var hash = span.IndexOf('#');
        if (hash >= 0)
        {
            span = span[..hash];
        }

        if (span.StartsWith("["))
        {
            var close = span.IndexOf(']');
            if (close < 0)
            {
                address = IPAddress.None;
                return false;
            }

            span = span[1..close];
        }
        else if (span.Count(':') == 1)
        {
            // IPv4 with a port (systemd writes "1.1.1.1:853").
            span = span[..span.IndexOf(':')];
        }

        var percent = span.IndexOf('%');
        if (percent >= 0)
        {
            span = span[..percent];
        }

        // IPAddress.TryParse also accepts "10" or "0x0a"; a configured server is dotted IPv4 or colon IPv6.
        if ((span.Contains('.') || span.Contains(':')) && IPAddress.TryParse(span, out var parsed))
        {
            address = parsed;
            return true;
        }

        address = IPAddress.None;
        return false;
    }
}
