// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

namespace KvpDaemon.Network;

/// <summary>
/// NetworkManager state readable without D-Bus: the device state file <c>/run/NetworkManager/devices/&lt;ifindex&gt;</c>
/// (<c>[device] connection-uuid=</c>) and connection keyfiles (<c>[connection] uuid=</c>, <c>[ipv4]</c>/<c>[ipv6]
/// method=</c>). DNS is not read from NetworkManager: its per-connection servers live in D-Bus or keyfiles only for
/// static setups, and the global resolv.conf it writes is used instead. Pure functions.
/// </summary>
internal static class NetworkManagerParser
{
    /// <summary>The UUID of the connection active on a device, or null when the device has none (or is unmanaged).</summary>
    public static string? ParseDeviceConnectionUuid(string text)
    {
        var entries = KeyValueText.Parse(text);
        if (KeyValueText.Last(entries, "managed", "device") is "false" or "0")
        {
            return null;
        }

        var uuid = KeyValueText.Last(entries, "connection-uuid", "device");
        return string.IsNullOrEmpty(uuid) ? null : uuid;
    }

    /// <summary>A keyfile's connection UUID and whether it asks for DHCP (ipv4.method or ipv6.method <c>auto</c>/<c>dhcp</c>).</summary>
    internal sealed record Keyfile(string? Uuid, DhcpState Dhcp);

    public static Keyfile ParseKeyfile(string text)
    {
        var entries = KeyValueText.Parse(text);
        var uuid = KeyValueText.Last(entries, "uuid", "connection");
        var ipv4 = KeyValueText.Last(entries, "method", "ipv4");
        var ipv6 = KeyValueText.Last(entries, "method", "ipv6");

        // NetworkManager's default ipv4.method is auto: a keyfile without the setting uses DHCP. This matches the RHEL
        // hv_get_dhcp_info script (docs/protocol.md 5.4), which prints Enabled when either method is auto.
        DhcpState dhcp;
        if (ipv4 is null or "auto" || ipv6 is "auto" or "dhcp")
        {
            dhcp = DhcpState.Enabled;
        }
        else
        {
            dhcp = DhcpState.Disabled;
        }

        return new Keyfile(string.IsNullOrEmpty(uuid) ? null : uuid, dhcp);
    }
}
