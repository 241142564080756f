// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

namespace KvpDaemon.IpConfig.Backends;

/// <summary>
/// ISC <c>dhclient</c> for one interface, with the pid and lease files Debian's ifupdown uses for it
/// (<c>/run/dhclient.IF.pid</c>, <c>/var/lib/dhcp/dhclient.IF.leases</c>), so that whichever of ifupdown and the
/// iproute2 backend started the client, the other finds and stops it.
/// </summary>
internal static class DhcpClient
{
    public static string PidFile(string interfaceName) => $"/run/dhclient.{interfaceName}.pid";

    public static string LeaseFile(string interfaceName) => $"/var/lib/dhcp/dhclient.{interfaceName}.leases";

    /// <summary>Starts the IPv4 client and waits for the first lease (dhclient's own default behaviour).</summary>
    public static PlannedCommand Start(string interfaceName) =>
        PlannedCommand.Run("dhclient", "-4", "-pf", PidFile(interfaceName), "-lf", LeaseFile(interfaceName), interfaceName);

    /// <summary>
    /// Releases the lease and stops the client recorded in the pid file (<c>dhclient -r</c>); allowed to fail, since
    /// usually no client runs.
    /// </summary>
    public static PlannedCommand Release(string interfaceName) =>
        PlannedCommand.Try("dhclient", "-4", "-r", "-pf", PidFile(interfaceName), "-lf", LeaseFile(interfaceName), interfaceName);
}
