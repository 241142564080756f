// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

using System.Globalization;
using System.Text.RegularExpressions;
using KvpDaemon.IpConfig.Backends;

namespace KvpDaemon.IpConfig;

/// <summary>
/// Chooses the backend for an interface (docs/compatibility.md E #5). An explicit <see cref="IpConfigOptions.Backend"/> wins;
/// <c>auto</c> picks <c>script</c> when <see cref="IpConfigOptions.SetIfconfigScript"/> is set, <c>freebsd</c> on
/// FreeBSD, and on Linux the first of these whose sign is present under the root:
/// <list type="number">
/// <item>networkmanager: <c>/run/NetworkManager</c> exists (the service runs) and <c>nmcli</c> is installed;</item>
/// <item>networkd: <c>/run/systemd/netif/links/&lt;ifindex&gt;</c> exists (networkd tracks the interface);</item>
/// <item>netplan: <c>/etc/netplan/*.yaml</c> exists;</item>
/// <item>ifupdown: <c>/etc/network/interfaces</c> (or our own <c>interfaces.d/&lt;if&gt;</c>) names the interface;</item>
/// <item>ifcfg: <c>/etc/sysconfig/network-scripts</c> exists;</item>
/// <item>iproute2 otherwise.</item>
/// </list>
/// Only files are looked at, so the choice is cheap, needs no running command, and is testable on a directory tree.
/// </summary>
internal sealed class IpConfigBackendSelector
{
    private static readonly string[] BinaryDirectories = ["usr/bin", "bin", "usr/sbin", "sbin", "usr/local/bin"];

    private readonly string _root;
    private readonly IInterfaceCatalog _catalog;

    public IpConfigBackendSelector(string root, IInterfaceCatalog catalog)
    {
        ArgumentException.ThrowIfNullOrEmpty(root);
        _root = root;
        _catalog = catalog;
    }

    /// <summary>The backend name for <paramref name="interfaceName"/>; throws for an unknown configured name.</summary>
    public string Select(IpConfigOptions options, string interfaceName, IpConfigPlatform platform)
    {
        var configured = options.Backend.Trim().ToLowerInvariant();
        if (configured.Length > 0 && configured != IpConfigBackendNames.Auto)
        {
            return IpConfigBackends.Names.Contains(configured)
                ? configured
                : throw new InvalidOperationException($"Unknown IpConfig backend '{options.Backend}'.");
        }

        if (!string.IsNullOrEmpty(options.SetIfconfigScript))
        {
            return IpConfigBackendNames.Script;
        }

        if (platform == IpConfigPlatform.FreeBsd)
        {
            return IpConfigBackendNames.FreeBsd;
        }

        if (Directory.Exists(Under("run/NetworkManager")) && BinaryDirectories.Any(d => File.Exists(Under(d + "/nmcli"))))
        {
            return IpConfigBackendNames.NetworkManager;
        }

        if (_catalog.Index(interfaceName) is { } index
            && File.Exists(Under("run/systemd/netif/links/" + index.ToString(CultureInfo.InvariantCulture))))
        {
            return IpConfigBackendNames.Networkd;
        }

        if (Directory.Exists(Under("etc/netplan")) && Directory.EnumerateFiles(Under("etc/netplan"), "*.yaml").Any())
        {
            return IpConfigBackendNames.Netplan;
        }

        if (Mentions(Under("etc/network/interfaces"), interfaceName) || File.Exists(Under(IfupdownBackend.Directory[1..] + "/" + interfaceName)))
        {
            return IpConfigBackendNames.Ifupdown;
        }

        if (Directory.Exists(Under(IfcfgBackend.Directory[1..])))
        {
            return IpConfigBackendNames.Ifcfg;
        }

        return IpConfigBackendNames.Iproute2;
    }

    private string Under(string relative) => Path.Combine(_root, relative);

    private static bool Mentions(string path, string interfaceName)
    {
        try
        {
            var pattern = @"^\s*(auto|allow-hotplug|iface)\s+(.*\s)?" + Regex.Escape(interfaceName) + @"(\s|$)";
            return File.Exists(path) && File.ReadLines(path).Any(line => Regex.IsMatch(line, pattern));
        }
        catch (IOException)
        {
            return false;
        }
    }
}
