// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace KvpDaemon.IpConfig;

/// <summary>
/// Strict parsing and the text forms of addresses used in configuration files. Stricter than
/// <see cref="IPAddress.TryParse(string?, out IPAddress?)"/>, which also takes "1", "127.1", octal and hex octets and
/// IPv6 scope ids: only the forms the host is documented to send (docs/protocol.md 6.1) are accepted.
/// </summary>
internal static class IpText
{
    /// <summary>INET6_ADDRSTRLEN − 1: the longest token the reference daemon could hold (QUIRK-15).</summary>
    public const int MaxTokenLength = 45;

    /// <summary>Dotted-quad IPv4: four decimal octets 0..255 without leading zeros.</summary>
    public static bool TryParseIpv4(string text, out IPAddress address)
    {
        address = IPAddress.None;
        var parts = text.Split('.');
        if (parts.Length != 4)
        {
            return false;
        }

        var bytes = new byte[4];
        for (var i = 0; i < 4; i++)
        {
            var part = parts[i];
            if (part.Length is 0 or > 3 || (part.Length > 1 && part[0] == '0') || !part.All(char.IsAsciiDigit))
            {
                return false;
            }

            var value = int.Parse(part, NumberStyles.None, CultureInfo.InvariantCulture);
            if (value > 255)
            {
                return false;
            }

            bytes[i] = (byte)value;
        }

        address = new IPAddress(bytes);
        return true;
    }

    /// <summary>IPv6 text (RFC 4291 forms, an embedded dotted IPv4 tail allowed), no scope id, no brackets.</summary>
    public static bool TryParseIpv6(string text, out IPAddress address)
    {
        address = IPAddress.IPv6None;
        if (!text.Contains(':', StringComparison.Ordinal) || !text.All(c => char.IsAsciiHexDigit(c) || c is ':' or '.'))
        {
            return false;
        }

        if (!IPAddress.TryParse(text, out var parsed) || parsed.AddressFamily != AddressFamily.InterNetworkV6 || parsed.ScopeId != 0)
        {
            return false;
        }

        address = parsed;
        return true;
    }

    /// <summary>Either family, strictly.</summary>
    public static bool TryParseAddress(string text, out IPAddress address) =>
        TryParseIpv4(text, out address) || TryParseIpv6(text, out address);

    /// <summary>The prefix length of a contiguous mask (leading ones, then only zeros); −1 if not contiguous.</summary>
    public static int PrefixLengthOfMask(IPAddress mask)
    {
        var bytes = mask.GetAddressBytes();
        var length = 0;
        var seenZero = false;
        foreach (var b in bytes)
        {
            for (var bit = 7; bit >= 0; bit--)
            {
                if ((b & (1 << bit)) != 0)
                {
                    if (seenZero)
                    {
                        return -1;
                    }

                    length++;
                }
                else
                {
                    seenZero = true;
                }
            }
        }

        return length;
    }

    /// <summary>The dotted IPv4 mask of a prefix length 0..32.</summary>
    public static string Ipv4Mask(int prefixLength)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(prefixLength);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(prefixLength, 32);
        var mask = prefixLength == 0 ? 0u : uint.MaxValue << (32 - prefixLength);
        return string.Create(CultureInfo.InvariantCulture, $"{mask >> 24}.{(mask >> 16) & 0xFF}.{(mask >> 8) & 0xFF}.{mask & 0xFF}");
    }

    /// <summary>
    /// The reference daemon's IPv6 form in ifcfg files (docs/protocol.md 6.2 step 4): all eight groups as four lower-case
    /// hex digits. IPv4 addresses are returned in dotted form.
    /// </summary>
    public static string Expanded(IPAddress address)
    {
        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return address.ToString();
        }

        var bytes = address.GetAddressBytes();
        var text = new StringBuilder(39);
        for (var i = 0; i < 16; i += 2)
        {
            if (i > 0)
            {
                text.Append(':');
            }

            text.Append(CultureInfo.InvariantCulture, $"{bytes[i]:x2}{bytes[i + 1]:x2}");
        }

        return text.ToString();
    }
}
