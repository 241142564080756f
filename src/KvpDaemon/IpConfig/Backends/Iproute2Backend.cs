// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

namespace KvpDaemon.IpConfig.Backends;

/// <summary>
/// iproute2, for systems where nothing else manages the interface: the configuration is applied to the running kernel
/// only and does not survive a reboot. First any DHCP client this backend (or ifupdown, which uses the same pid file)
/// started for the interface is released and stopped, so that no lease renewal brings back the DHCP address, route and
/// name server after a static injection. Then, for both families whatever the request holds (the interface must hold
/// exactly what was injected), flush the global-scope addresses and the default routes through the interface; add each
/// address; bring the link up and replace the default route.
/// Router advertisements are turned off on the interface when static IPv6 is injected (otherwise an RA address and a
/// second default route reappear beside the injected gateway, as the other backends' <c>accept-ra</c> settings prevent)
/// and back on otherwise. DHCP runs <c>dhclient</c> (ISC) with a per-interface pid and lease file, which keeps running as
/// the lease holder. Name servers are written to <c>/etc/resolv.conf</c> only with
/// <see cref="IpConfigOptions.ManageResolvConf"/>, because that file usually belongs to another program.
/// </summary>
internal sealed class Iproute2Backend : IIpConfigBackend
{
    private readonly bool _manageResolvConf;

    public Iproute2Backend(bool manageResolvConf)
    {
        _manageResolvConf = manageResolvConf;
    }

    public string Name => IpConfigBackendNames.Iproute2;

    public IpConfigPlan Plan(IpConfigRequest request, IpConfigPlanContext context)
    {
        var (name, _, settings) = request;
        var ipv6 = settings.StaticIpv6;
        var commands = new List<PlannedCommand>
        {
            // Fails when no lease or client exists, which is the usual case.
            DhcpClient.Release(name),
        };

        // A family's old default routes through this interface go with its old addresses: one left behind with a lower
        // metric (a DHCP client's, a router advertisement's) would keep winning over the injected gateway, and removing
        // the global addresses does not remove it (IPv6 never, IPv4 not while another address is left on the link).
        // Flushing fails only when the kernel has no routing table of that family yet, so there is nothing to flush.
        // Both families every time: a family the request leaves out must not keep an earlier injection's static
        // addresses (static -> DHCP keeps no static IPv6); without static IPv6, router advertisements configure it
        // again. Without IPv6 on the interface the IPv6 flush has nothing to do and may fail.
        commands.Add(PlannedCommand.Run("ip", "-4", "addr", "flush", "dev", name, "scope", "global"));
        commands.Add(PlannedCommand.Try("ip", "-4", "route", "flush", "default", "dev", name));
        commands.Add(ipv6.Count > 0
            ? PlannedCommand.Run("ip", "-6", "addr", "flush", "dev", name, "scope", "global")
            : PlannedCommand.Try("ip", "-6", "addr", "flush", "dev", name, "scope", "global"));
        commands.Add(PlannedCommand.Try("ip", "-6", "route", "flush", "default", "dev", name));

        foreach (var address in settings.StaticIpv4.Concat(ipv6))
        {
            commands.Add(PlannedCommand.Run("ip", address.IsIpv4 ? "-4" : "-6", "addr", "add", address.Cidr, "dev", name));
        }

        // Without IPv6 support on the interface the key is absent; turning RA off is then not needed, on is impossible.
        commands.Add(ipv6.Count > 0
            ? PlannedCommand.Run("sysctl", "-w", $"net/ipv6/conf/{name}/accept_ra=0")
            : PlannedCommand.Try("sysctl", "-w", $"net/ipv6/conf/{name}/accept_ra=1"));
        commands.Add(PlannedCommand.Run("ip", "link", "set", "dev", name, "up"));
        if (settings.Ipv4Gateways.Count > 0)
        {
            commands.Add(PlannedCommand.Run("ip", "-4", "route", "replace", "default", "via", settings.Ipv4Gateways[0].ToString(), "dev", name));
        }

        if (settings.Ipv6Gateways.Count > 0)
        {
            commands.Add(PlannedCommand.Run("ip", "-6", "route", "replace", "default", "via", settings.Ipv6Gateways[0].ToString(), "dev", name));
        }

        if (settings.DhcpEnabled)
        {
            commands.Add(DhcpClient.Start(name));
        }

        IReadOnlyList<PlannedFile> files = _manageResolvConf && settings.DnsServers.Count > 0
            ? [ResolvConf.Planned(context, settings.DnsServers)]
            : [];
        return new IpConfigPlan(Name, files, commands);
    }
}
