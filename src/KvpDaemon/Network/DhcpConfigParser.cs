// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

namespace KvpDaemon.Network;

/// <summary>
/// DHCP settings of the classic configuration systems, one pure function per file format. Each answers
/// <see cref="DhcpState.Unknown"/> when its file does not configure the interface, so the caller can ask the next one.
/// </summary>
internal static class DhcpConfigParser
{
    /// <summary>
    /// ifupdown's interfaces(5): <c>iface &lt;if&gt; inet dhcp</c> (or <c>inet6 dhcp|auto</c>) enables DHCP; a stanza for
    /// the interface with any other method disables it. The interface name is compared exactly (QUIRK-25).
    /// </summary>
    public static DhcpState ParseIfupdown(string text, string interfaceName)
    {
        var state = DhcpState.Unknown;
        foreach (var line in text.Split('\n'))
        {
            var fields = line.Split([' ', '\t', '\r'], StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length < 4 || fields[0] != "iface" || fields[1] != interfaceName)
            {
                continue;
            }

            if ((fields[2] == "inet" && fields[3] == "dhcp") || (fields[2] == "inet6" && fields[3] is "dhcp" or "auto"))
            {
                return DhcpState.Enabled;
            }

            state = DhcpState.Disabled;
        }

        return state;
    }

    /// <summary>
    /// A RHEL <c>ifcfg-&lt;if&gt;</c> file: <c>BOOTPROTO=dhcp</c> (or bootp) or <c>DHCPV6C=yes</c> enable DHCP; any other
    /// file disables it (initscripts' default BOOTPROTO is none).
    /// </summary>
    public static DhcpState ParseIfcfg(string text)
    {
        var entries = KeyValueText.Parse(text);
        var bootProto = KeyValueText.Unquote(KeyValueText.Last(entries, "BOOTPROTO") ?? string.Empty);
        var dhcpV6 = KeyValueText.Unquote(KeyValueText.Last(entries, "DHCPV6C") ?? string.Empty);
        return bootProto.ToUpperInvariant() is "DHCP" or "BOOTP" || dhcpV6.ToUpperInvariant() == "YES"
            ? DhcpState.Enabled
            : DhcpState.Disabled;
    }

    /// <summary>
    /// Whether a dhclient lease file holds a lease for the interface (<c>interface "&lt;if&gt;";</c>, exact name).
    /// </summary>
    public static bool DhclientLeaseMentions(string text, string interfaceName)
    {
        var expected = "interface \"" + interfaceName + "\";";
        foreach (var line in text.Split('\n'))
        {
            if (line.Trim() == expected)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// FreeBSD rc.conf(5): the last <c>ifconfig_&lt;if&gt;</c> assignment (else <c>ifconfig_DEFAULT</c>) enables DHCP when
    /// one of its words is DHCP, SYNCDHCP or NOSYNCDHCP (case-insensitive, as network.subr's dhcpif tests them).
    /// Characters <c>.-/+</c> of the name become '_' in the variable name, as rc does.
    /// </summary>
    /// <param name="text">rc.conf followed by rc.conf.local: later assignments win.</param>
    /// <param name="interfaceName">The interface, compared exactly.</param>
    public static DhcpState ParseRcConf(string text, string interfaceName)
    {
        var variable = "ifconfig_" + string.Concat(interfaceName.Select(c => c is '.' or '-' or '/' or '+' ? '_' : c));
        string? value = null;
        string? defaultValue = null;
        foreach (var rawLine in text.Split('\n'))
        {
            var line = rawLine.Trim();
            var equals = line.IndexOf('=');
            if (line.StartsWith('#') || equals <= 0)
            {
                continue;
            }

            var key = line[..equals];
            if (key == variable)
            {
                value = ShellValue(line[(equals + 1)..]);
            }
            else if (key == "ifconfig_DEFAULT")
            {
                defaultValue = ShellValue(line[(equals + 1)..]);
            }
        }

        var effective = value ?? defaultValue;
        if (effective is null)
        {
            return DhcpState.Unknown;
        }

        return effective.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries)
            .Any(word => word.ToUpperInvariant() is "DHCP" or "SYNCDHCP" or "NOSYNCDHCP")
            ? DhcpState.Enabled
            : DhcpState.Disabled;
    }

    // The value of a simple shell assignment: a quoted string up to its closing quote, or a bare word.
    private static string ShellValue(string text)
    {
        if (text.Length > 0 && text[0] is '"' or '\'')
        {
            var close = text.IndexOf(text[0], 1);
            return close < 0 ? text[1..] : text[1..close];
        }

        var end = text.IndexOfAny([' ', '\t', '#', ';']);
        return end < 0 ? text : text[..end];
    }
}
