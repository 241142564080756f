// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

namespace KvpDaemon.IpConfig.Backends;

/// <summary>
/// FreeBSD: persistent settings in <c>/etc/rc.conf</c> through <c>sysrc</c> (<c>ifconfig_IF</c>,
/// <c>ifconfig_IF_aliasN</c>, <c>ifconfig_IF_ipv6</c>, <c>defaultrouter</c>, <c>ipv6_defaultrouter</c>), the same
/// applied at once with <c>ifconfig</c> and <c>route</c>, and the name servers in <c>/etc/resolv.conf</c>. Unlike the
/// reference script (QUIRK-28) it handles any interface, several addresses and IPv6, and starts <c>dhclient</c> when DHCP
/// is requested instead of waiting for the next boot. Aliases left over from an earlier injection with more addresses
/// are not removed from rc.conf (documented limitation).
/// </summary>
internal sealed class FreeBsdBackend : IIpConfigBackend
{
    public const string RcConf = "/etc/rc.conf";

    public string Name => IpConfigBackendNames.FreeBsd;

    public IpConfigPlan Plan(IpConfigRequest request, IpConfigPlanContext context)
    {
        var (name, _, settings) = request;
        var ipv4 = settings.StaticIpv4;
        var ipv6 = settings.StaticIpv6;
        var persist = new List<PlannedCommand>();
        var apply = new List<PlannedCommand>();
        var alias = 0;

        if (settings.DhcpEnabled)
        {
            persist.Add(PlannedCommand.Run("sysrc", $"ifconfig_{name}=DHCP"));
        }

        for (var i = 0; i < ipv4.Count; i++)
        {
            var value = $"inet {ipv4[i].Address} netmask {ipv4[i].Ipv4Mask}";
            persist.Add(PlannedCommand.Run("sysrc", i == 0 ? $"ifconfig_{name}={value}" : $"ifconfig_{name}_alias{alias++}={value}"));
            apply.Add(i == 0
                ? PlannedCommand.Run("ifconfig", name, "inet", ipv4[i].Address.ToString(), "netmask", ipv4[i].Ipv4Mask)
                : PlannedCommand.Run("ifconfig", name, "inet", ipv4[i].Address.ToString(), "netmask", ipv4[i].Ipv4Mask, "alias"));
        }

        for (var i = 0; i < ipv6.Count; i++)
        {
            var value = $"inet6 {ipv6[i].Address} prefixlen {ipv6[i].PrefixLength}";
            persist.Add(PlannedCommand.Run("sysrc", i == 0 ? $"ifconfig_{name}_ipv6={value}" : $"ifconfig_{name}_alias{alias++}={value}"));
            apply.Add(PlannedCommand.Run("ifconfig", name, "inet6", ipv6[i].Address.ToString(), "prefixlen", ipv6[i].PrefixLength.ToString(System.Globalization.CultureInfo.InvariantCulture), "alias"));
        }

        if (settings.Ipv4Gateways.Count > 0)
        {
            var gateway = settings.Ipv4Gateways[0].ToString();
            persist.Add(PlannedCommand.Run("sysrc", $"defaultrouter={gateway}"));
            apply.Add(PlannedCommand.Try("route", "delete", "default"));
            apply.Add(PlannedCommand.Run("route", "add", "default", gateway));
        }

        if (settings.Ipv6Gateways.Count > 0)
        {
            // A link-local router is reachable only with its interface as the scope (fe80::1%hn0).
            var gateway = settings.Ipv6Gateways[0].IsIPv6LinkLocal ? $"{settings.Ipv6Gateways[0]}%{name}" : settings.Ipv6Gateways[0].ToString();
            persist.Add(PlannedCommand.Run("sysrc", $"ipv6_defaultrouter={gateway}"));
            apply.Add(PlannedCommand.Try("route", "delete", "-inet6", "default"));
            apply.Add(PlannedCommand.Run("route", "add", "-inet6", "default", gateway));
        }

        if (settings.DhcpEnabled)
        {
            apply.Add(PlannedCommand.Run("dhclient", name));
        }

        IReadOnlyList<PlannedFile> files = settings.DnsServers.Count > 0
            ? [ResolvConf.Planned(context, settings.DnsServers)]
            : [];
        return new IpConfigPlan(Name, files, [.. persist, .. apply]) { ModifiedByCommands = [RcConf] };
    }
}
