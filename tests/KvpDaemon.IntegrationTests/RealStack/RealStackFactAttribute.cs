// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

namespace KvpDaemon.IntegrationTests.RealStack;

/// <summary>
/// A fact that needs the real network stacks (<see cref="RealStackNetwork.UnavailableReason"/>: root, network
/// namespaces, dnsmasq, dhclient, ifupdown, netplan, systemd-networkd, NetworkManager, dbus-daemon, unshare, sysctl);
/// skipped with the reason otherwise.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class RealStackFactAttribute : FactAttribute
{
    public RealStackFactAttribute()
    {
        Skip = RealStackNetwork.UnavailableReason;
    }
}
