// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

using System.Globalization;
using System.Net;
using System.Net.NetworkInformation;
using System.Runtime.Versioning;
using Microsoft.Extensions.Logging;

namespace KvpDaemon.Network;

/// <summary>
/// The Linux network inspector: interfaces from sysfs, addresses from getifaddrs (<see cref="NetworkInterface"/>),
/// default routes from procfs, DNS and DHCP from the configuration systems' state files. It starts no process
/// (docs/compatibility.md E #3, E #4) and reads only local files, so a request is answered in well under a millisecond per file.
/// Stateless apart from remembering which interfaces were already logged as having an unknown DHCP state.
/// </summary>
[SupportedOSPlatform("linux")]
internal sealed partial class LinuxNetworkInspector : INetworkInspector
{
    // include/uapi/linux/if.h
    private const uint IFF_UP = 0x1;
    private const uint IFF_LOOPBACK = 0x8;

    private readonly RootedFiles _files;
    private readonly Func<IReadOnlyDictionary<string, IReadOnlyList<InterfaceAddress>>> _readAddresses;
    private readonly InspectorReports _reports;

    public LinuxNetworkInspector(ILogger<LinuxNetworkInspector> logger)
        : this(logger, "/", SystemInterfaceAddresses.Read)
    {
    }

    /// <param name="logger">Where the inspector logs.</param>
    /// <param name="rootDirectory">Where /sys, /proc, /run, /etc and /var are looked up (a sample tree in tests).</param>
    /// <param name="readAddresses">The addresses per interface name (getifaddrs in production).</param>
    internal LinuxNetworkInspector(
        ILogger logger,
        string rootDirectory,
        Func<IReadOnlyDictionary<string, IReadOnlyList<InterfaceAddress>>> readAddresses)
    {
        _files = new RootedFiles(rootDirectory, logger);
        _reports = new InspectorReports(logger);
        _readAddresses = readAddresses;
    }

    public NetworkSnapshot GetSnapshot()
    {
        IReadOnlyDictionary<string, IReadOnlyList<InterfaceAddress>> addresses;
        try
        {
            addresses = _readAddresses();
        }
        catch (NetworkInformationException exception)
        {
            _reports.AddressEnumerationFailed(exception);
            addresses = new Dictionary<string, IReadOnlyList<InterfaceAddress>>();
        }

        var routes = ReadDefaultRoutes();
        var interfaces = new List<InterfaceInfo>();
        foreach (var path in _files.List("/sys/class/net", "*"))
        {
            var name = path[(path.LastIndexOf('/') + 1)..];

            // bonding_masters and other plain files live next to the interfaces; only interfaces have an ifindex.
            var indexText = _files.TryRead(path + "/ifindex");
            if (indexText is null || !int.TryParse(indexText.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var index))
            {
                continue;
            }

            var flags = ParseFlags(_files.TryRead(path + "/flags"));
            MacAddress? mac = MacAddress.TryParse(_files.TryRead(path + "/address"), out var parsed) ? parsed : null;
            interfaces.Add(new InterfaceInfo(
                name,
                index,
                mac,
                IsLoopback: (flags & IFF_LOOPBACK) != 0,
                IsUp: (flags & IFF_UP) != 0,
                addresses.TryGetValue(name, out var own) ? own : [],
                routes.Where(route => route.InterfaceName == name).Select(route => route.Gateway).Distinct().ToArray()));
        }

        interfaces.Sort((left, right) => left.Index.CompareTo(right.Index));
        return NetworkSnapshot.Build(interfaces, routes);
    }

    public InterfaceConfiguration GetConfiguration(InterfaceInfo networkInterface)
    {
        var indexText = networkInterface.Index.ToString(CultureInfo.InvariantCulture);
        var networkdLink = networkInterface.Index > 0 ? _files.TryRead("/run/systemd/netif/links/" + indexText) : null;
        var dns = ReadDnsServers(networkInterface, indexText, networkdLink);
        var dhcp = ReadDhcpState(networkInterface, indexText, networkdLink);
        if (dhcp == DhcpState.Unknown)
        {
            _reports.DhcpStateUnknown(networkInterface.Name);
        }

        return new InterfaceConfiguration(dns, dhcp);
    }

    private List<DefaultRoute> ReadDefaultRoutes()
    {
        // IPv4 first, then IPv6, as the reference's "ip -4 route; ip -6 route" reports them (docs/protocol.md 5.3).
        var routes = new List<DefaultRoute>();
        var ipv4 = _files.TryRead("/proc/net/route");
        if (ipv4 is not null)
        {
            routes.AddRange(LinuxRouteParser.ParseIPv4(ipv4, BitConverter.IsLittleEndian));
        }

        var ipv6 = _files.TryRead("/proc/net/ipv6_route");
        if (ipv6 is not null)
        {
            routes.AddRange(LinuxRouteParser.ParseIPv6(ipv6));
        }

        return routes;
    }

    private static uint ParseFlags(string? text)
    {
        var span = (text ?? string.Empty).AsSpan().Trim();
        if (span.StartsWith("0x", StringComparison.OrdinalIgnoreCase))
        {
            span = span[2..];
        }

        return uint.TryParse(span, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var flags) ? flags : 0;
    }

    private IReadOnlyList<IPAddress> ReadDnsServers(InterfaceInfo networkInterface, string indexText, string? networkdLink)
    {
        // Per link first: systemd-resolved knows each link's servers, whoever configured them (networkd or
        // NetworkManager both push them there); networkd's own state file is the next best.
        if (networkInterface.Index > 0)
        {
            var resolved = _files.TryRead("/run/systemd/resolve/netif/" + indexText);
            if (resolved is not null)
            {
                var servers = SystemdStateParser.ParseDnsServers(resolved);
                if (servers.Count > 0)
                {
                    return servers;
                }
            }
        }

        if (networkdLink is not null)
        {
            var servers = SystemdStateParser.ParseDnsServers(networkdLink);
            if (servers.Count > 0)
            {
                return servers;
            }
        }

        // Global: resolv.conf, as the upstream hv_get_dns_info does. When it points at the local resolved stub
        // (127.0.0.53), the upstream servers resolved uses are more useful to the host.
        var global = ResolvConfParser.ParseNameservers(_files.TryRead("/etc/resolv.conf") ?? string.Empty);
        if (global.Count > 0 && global.All(IPAddress.IsLoopback))
        {
            var upstream = ResolvConfParser.ParseNameservers(_files.TryRead("/run/systemd/resolve/resolv.conf") ?? string.Empty);
            if (upstream.Count > 0)
            {
                return upstream;
            }
        }

        return global;
    }
}
