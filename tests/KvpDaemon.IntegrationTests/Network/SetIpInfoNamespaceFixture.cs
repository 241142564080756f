// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

using System.Text.Json;
using KvpDaemon.HostSimulator.Daemon;

namespace KvpDaemon.IntegrationTests.Network;

/// <summary>
/// One namespace per test class for SET_IP_INFO, with eth1 (the mapped adapter) and eth10 (a bystander whose name
/// starts with eth1), and two daemons in it configured for the iproute2 backend with an AdapterMap GUID → eth1: one
/// that applies, one that only plans (<c>DryRun</c>). <see cref="ResetBaseline"/> puts eth1 back before each test.
/// </summary>
public sealed class SetIpInfoNamespaceFixture : IAsyncLifetime
{
    /// <summary>The GUID the AdapterMap maps to eth1, as written in the configuration.</summary>
    public const string MappedGuid = "{3B0D4E3F-1C2A-4B5C-9D8E-7F6A5B4C3D2E}";

    private readonly string _directory = Directory.CreateTempSubdirectory("kvpd-netns-").FullName;
    private NetworkNamespace? _namespace;
    private DaemonSession? _applying;
    private DaemonSession? _dryRun;

    internal NetworkNamespace Namespace => _namespace ?? throw new InvalidOperationException("The fixture was not initialised.");

    /// <summary>The daemon that applies SET_IP_INFO with iproute2.</summary>
    internal DaemonSession Applying => _applying ?? throw new InvalidOperationException("The fixture was not initialised.");

    /// <summary>The daemon with <c>IpConfig:DryRun</c> set.</summary>
    internal DaemonSession DryRun => _dryRun ?? throw new InvalidOperationException("The fixture was not initialised.");

    /// <summary>The dry-run daemon's <c>IpConfig:StateDirectory</c>.</summary>
    public string DryRunStateDirectory => Path.Combine(_directory, "dry-run-state");

    public async Task InitializeAsync()
    {
        if (NetworkNamespace.UnavailableReason is not null)
        {
            return;
        }

        _namespace = NetworkNamespace.Create();
        try
        {
            (string Name, string Peer, string Mac)[] links =
                [("eth10", "vethp10", "00:15:5d:00:00:10"), ("eth1", "vethp1", "00:15:5d:00:00:01")];
            foreach (var (name, peer, mac) in links)
            {
                _namespace.Ip("link", "add", name, "type", "veth", "peer", "name", peer);
                _namespace.Ip("link", "set", "dev", name, "address", mac);
                foreach (var end in (string[])[name, peer])
                {
                    _namespace.Ip("link", "set", "dev", end, "addrgenmode", "none");
                    _namespace.Ip("link", "set", "dev", end, "up");
                }
            }

            _namespace.Ip("addr", "add", "198.51.100.10/24", "dev", "eth10");
            _namespace.Ip("-4", "route", "add", "default", "via", "198.51.100.1", "dev", "eth10", "metric", "200");
            ResetBaseline();

            // The daemons' view of /etc/resolv.conf: also a bind mount, which a stray write could not replace by rename.
            _namespace.WriteResolvConf("nameserver 192.0.2.53\n");

            _applying = await NamespaceDaemon.StartAsync(
                _namespace, WriteConfig("applying.json", Path.Combine(_directory, "state"), dryRun: false), Path.Combine(_directory, "private"));
            _dryRun = await NamespaceDaemon.StartAsync(
                _namespace, WriteConfig("dry-run.json", DryRunStateDirectory, dryRun: true), Path.Combine(_directory, "private"));
        }
        catch
        {
            await DisposeAsync();
            throw;
        }
    }

    /// <summary>eth1 as before any test: one IPv4 and one IPv6 address, a default route of each family.</summary>
    internal void ResetBaseline()
    {
        // Removing eth1's last IPv4 address removes its IPv4 routes with it; IPv6 routes stay and are flushed.
        Namespace.Ip("addr", "flush", "dev", "eth1");
        Namespace.Ip("-6", "route", "flush", "default");
        Namespace.Ip("addr", "add", "192.0.2.10/24", "dev", "eth1");
        Namespace.Ip("addr", "add", "2001:db8:1::10/64", "dev", "eth1", "nodad");
        Namespace.Ip("-4", "route", "replace", "default", "via", "192.0.2.1", "dev", "eth1");
        Namespace.Ip("-6", "route", "replace", "default", "via", "2001:db8:1::1", "dev", "eth1");
    }

    public async Task DisposeAsync()
    {
        try
        {
            if (_applying is not null)
            {
                await _applying.DisposeAsync();
            }

            if (_dryRun is not null)
            {
                await _dryRun.DisposeAsync();
            }
        }
        finally
        {
            _namespace?.Dispose();
            Directory.Delete(_directory, recursive: true);
        }
    }

    private string WriteConfig(string fileName, string stateDirectory, bool dryRun)
    {
        var path = Path.Combine(_directory, fileName);
        var configuration = new Dictionary<string, object>
        {
            ["IpConfig"] = new Dictionary<string, object>
            {
                ["Backend"] = "iproute2",
                ["DryRun"] = dryRun,
                ["StateDirectory"] = stateDirectory,
                ["AdapterMap"] = new Dictionary<string, string> { [MappedGuid] = "eth1" },
            },
        };
        File.WriteAllText(path, JsonSerializer.Serialize(configuration));
        return path;
    }
}
