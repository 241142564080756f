// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

using System.Net.NetworkInformation;
using System.Runtime.Versioning;
using Microsoft.Extensions.Logging;

namespace KvpDaemon.Network;

/// <summary>
/// The FreeBSD network inspector: interfaces, MACs and addresses from <see cref="NetworkInterface"/> (getifaddrs,
/// checking the link-level family, unlike the reference daemon, QUIRK-33), default routes from
/// <c>netstat --libxo json -rn</c> under a 2-second limit, DNS from resolv.conf and DHCP from rc.conf.
/// </summary>
[SupportedOSPlatform("freebsd")]
internal sealed partial class FreeBsdNetworkInspector : INetworkInspector
{
    private const string NetstatPath = "/usr/bin/netstat";
    private static readonly TimeSpan NetstatTimeout = TimeSpan.FromSeconds(2);

    private readonly ILogger _logger;
    private readonly RootedFiles _files;
    private readonly Func<string?> _readRouteTable;
    private readonly InspectorReports _reports;

    public FreeBsdNetworkInspector(ILogger<FreeBsdNetworkInspector> logger)
        : this(logger, "/", null)
    {
    }

    /// <param name="logger">Where the inspector logs.</param>
    /// <param name="rootDirectory">Where /etc and /var are looked up.</param>
    /// <param name="readRouteTable">The netstat JSON text, or null when it could not be read (netstat in production).</param>
    internal FreeBsdNetworkInspector(ILogger logger, string rootDirectory, Func<string?>? readRouteTable)
    {
        _logger = logger;
        _files = new RootedFiles(rootDirectory, logger);
        _reports = new InspectorReports(logger);
        _readRouteTable = readRouteTable ?? RunNetstat;
    }

    public NetworkSnapshot GetSnapshot()
    {
        var routes = ReadDefaultRoutes();
        var interfaces = new List<InterfaceInfo>();
        NetworkInterface[] systemInterfaces;
        try
        {
            systemInterfaces = NetworkInterface.GetAllNetworkInterfaces();
        }
        catch (NetworkInformationException exception)
        {
            _reports.AddressEnumerationFailed(exception);
            systemInterfaces = [];
        }

        foreach (var networkInterface in systemInterfaces)
        {
            var name = networkInterface.Name;
            var physical = networkInterface.GetPhysicalAddress().GetAddressBytes();
            MacAddress? mac = physical.Length == MacAddress.Length ? new MacAddress(physical) : null;
            interfaces.Add(new InterfaceInfo(
                name,
                IndexOf(networkInterface),
                mac,
                IsLoopback: networkInterface.NetworkInterfaceType == NetworkInterfaceType.Loopback,
                IsUp: networkInterface.OperationalStatus == OperationalStatus.Up,
                SystemInterfaceAddresses.ReadAddresses(networkInterface),
                routes.Where(route => route.InterfaceName == name).Select(route => route.Gateway).Distinct().ToArray()));
        }

        return NetworkSnapshot.Build(interfaces, routes);
    }

    public InterfaceConfiguration GetConfiguration(InterfaceInfo networkInterface)
    {
        var dns = ResolvConfParser.ParseNameservers(_files.TryRead("/etc/resolv.conf") ?? string.Empty);
        var rcConf = (_files.TryRead("/etc/rc.conf") ?? string.Empty) + "\n" + (_files.TryRead("/etc/rc.conf.local") ?? string.Empty);
        var dhcp = DhcpConfigParser.ParseRcConf(rcConf, networkInterface.Name);
        if (dhcp == DhcpState.Unknown && _files.Exists("/var/db/dhclient.leases." + networkInterface.Name))
        {
            dhcp = DhcpState.Enabled;
        }

        if (dhcp == DhcpState.Unknown)
        {
            _reports.DhcpStateUnknown(networkInterface.Name);
        }

        return new InterfaceConfiguration(dns, dhcp);
    }

    private static int IndexOf(NetworkInterface networkInterface)
    {
        try
        {
            var properties = networkInterface.GetIPProperties();
            if (networkInterface.Supports(NetworkInterfaceComponent.IPv4))
            {
                return properties.GetIPv4Properties().Index;
            }

            if (networkInterface.Supports(NetworkInterfaceComponent.IPv6))
            {
                return properties.GetIPv6Properties().Index;
            }
        }
        catch (Exception exception) when (exception is NetworkInformationException or PlatformNotSupportedException)
        {
            // The index only orders and names state files; 0 means unknown.
        }

        return 0;
    }

    private IReadOnlyList<DefaultRoute> ReadDefaultRoutes()
    {
        var json = _readRouteTable();
        if (json is null)
        {
            return [];
        }

        if (!NetstatRouteParser.TryParseDefaultRoutes(json, out var routes))
        {
            Log.RouteCommandFailed(_logger, NetstatPath, "unexpected output");
            return [];
        }

        return routes;
    }

    private string? RunNetstat()
    {
        var result = BoundedProcess.Run(NetstatPath, ["--libxo", "json", "-rn"], NetstatTimeout);
        if (result.Output is null || result.ExitCode != 0)
        {
            Log.RouteCommandFailed(_logger, NetstatPath, result.Failure ?? "exit code " + result.ExitCode);
            return null;
        }

        return result.Output;
    }

}
