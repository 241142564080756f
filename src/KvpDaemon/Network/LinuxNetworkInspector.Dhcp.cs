// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

namespace KvpDaemon.Network;

/// <summary>
/// The DHCP state of an interface, asked of each configuration system in turn until one claims the interface:
/// systemd-networkd, NetworkManager (without D-Bus), ifupdown, RHEL ifcfg, then the lease files of dhclient and
/// dhcpcd. This replaces the hv_get_dhcp_info helper (docs/protocol.md 5.4) with file reads.
/// </summary>
internal sealed partial class LinuxNetworkInspector
{
    private DhcpState ReadDhcpState(InterfaceInfo networkInterface, string indexText, string? networkdLink)
    {
        var name = networkInterface.Name;
        var state = FromNetworkd(networkdLink);
        if (state == DhcpState.Unknown && networkInterface.Index > 0)
        {
            state = FromNetworkManager(name, indexText);
        }

        if (state == DhcpState.Unknown)
        {
            state = FromIfupdown(name);
        }

        if (state == DhcpState.Unknown)
        {
            var ifcfg = _files.TryRead("/etc/sysconfig/network-scripts/ifcfg-" + name);
            if (ifcfg is not null)
            {
                state = DhcpConfigParser.ParseIfcfg(ifcfg);
            }
        }

        if (state == DhcpState.Unknown && HasClientLease(name))
        {
            state = DhcpState.Enabled;
        }

        return state;
    }

    private DhcpState FromNetworkd(string? networkdLink)
    {
        if (networkdLink is null)
        {
            return DhcpState.Unknown;
        }

        var link = SystemdStateParser.ParseLinkState(networkdLink);
        if (!link.Managed)
        {
            return DhcpState.Unknown;
        }

        if (link.HasLease)
        {
            return DhcpState.Enabled;
        }

        var networkFile = link.NetworkFile is null ? null : _files.TryRead(link.NetworkFile);
        return networkFile is null ? DhcpState.Unknown : SystemdStateParser.ParseNetworkFileDhcp(networkFile);
    }

    private DhcpState FromNetworkManager(string name, string indexText)
    {
        var device = _files.TryRead("/run/NetworkManager/devices/" + indexText);
        var uuid = device is null ? null : NetworkManagerParser.ParseDeviceConnectionUuid(device);
        if (uuid is null)
        {
            return DhcpState.Unknown;
        }

        foreach (var directory in (string[])["/run/NetworkManager/system-connections", "/etc/NetworkManager/system-connections"])
        {
            foreach (var path in _files.List(directory, "*.nmconnection"))
            {
                var text = _files.TryRead(path);
                if (text is null)
                {
                    continue;
                }

                var keyfile = NetworkManagerParser.ParseKeyfile(text);
                if (string.Equals(keyfile.Uuid, uuid, StringComparison.OrdinalIgnoreCase))
                {
                    return keyfile.Dhcp;
                }
            }
        }

        // No keyfile (an ifcfg-rh profile, or an in-memory connection): NetworkManager's internal DHCP client
        // keeps a lease file per connection and interface while DHCP runs.
        return _files.List("/var/lib/NetworkManager", "*-" + uuid + "-" + name + ".lease").Count > 0
            ? DhcpState.Enabled
            : DhcpState.Unknown;
    }

    private DhcpState FromIfupdown(string name)
    {
        var state = DhcpState.Unknown;
        var main = _files.TryRead("/etc/network/interfaces");
        if (main is null)
        {
            return state;
        }

        foreach (var path in (IEnumerable<string>)["/etc/network/interfaces", .. _files.List("/etc/network/interfaces.d", "*")])
        {
            var text = path == "/etc/network/interfaces" ? main : _files.TryRead(path);
            var found = text is null ? DhcpState.Unknown : DhcpConfigParser.ParseIfupdown(text, name);
            if (found == DhcpState.Enabled)
            {
                return found;
            }

            if (found == DhcpState.Disabled)
            {
                state = found;
            }
        }

        return state;
    }

    private bool HasClientLease(string name)
    {
        if (_files.Exists("/var/lib/dhcpcd/" + name + ".lease")
            || _files.Exists("/var/lib/dhcpcd/" + name + ".lease6")
            || _files.Exists("/var/lib/dhcpcd/dhcpcd-" + name + ".lease"))
        {
            return true;
        }

        foreach (var directory in (string[])["/var/lib/dhcp", "/var/lib/dhclient"])
        {
            foreach (var path in _files.List(directory, "dhclient*.leases"))
            {
                var text = _files.TryRead(path);
                if (text is not null && DhcpConfigParser.DhclientLeaseMentions(text, name))
                {
                    return true;
                }
            }
        }

        return false;
    }
}
