// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

using KvpDaemon.HostSimulator.Daemon;

namespace KvpDaemon.IntegrationTests.Network;

/// <summary>
/// One namespace per test class with a fixed topology, and one daemon running in it. Interfaces are veth pairs whose
/// peers stay in the namespace under names the default exclusion list hides (<c>veth*</c>); IPv6 link-local addresses
/// are not generated (<c>addrgenmode none</c>) but added by hand, so every address is known before the daemon starts.
/// Creation order fixes the indexes: eth10 &lt; enP1s1 &lt; eth1 &lt; docker0.
/// </summary>
public sealed class IpInfoNamespaceFixture : IAsyncLifetime
{
    public const string Eth1Mac = "00:15:5D:00:00:01";
    public const string Eth10Mac = "00:15:5D:00:00:10";

    private readonly string _directory = Directory.CreateTempSubdirectory("kvpd-netns-").FullName;
    private NetworkNamespace? _namespace;
    private DaemonSession? _session;

    internal NetworkNamespace Namespace => _namespace ?? throw new InvalidOperationException("The fixture was not initialised.");

    internal DaemonSession Session => _session ?? throw new InvalidOperationException("The fixture was not initialised.");

    public async Task InitializeAsync()
    {
        if (NetworkNamespace.UnavailableReason is not null)
        {
            // Every test of the class is skipped: build nothing.
            return;
        }

        _namespace = NetworkNamespace.Create();
        try
        {
            Build(_namespace);
            var config = Path.Combine(_directory, "hypervkvpd.json");
            await File.WriteAllTextAsync(config, "{}");
            _session = await NamespaceDaemon.StartAsync(_namespace, config);
        }
        catch
        {
            await DisposeAsync();
            throw;
        }
    }

    public async Task DisposeAsync()
    {
        try
        {
            if (_session is not null)
            {
                await _session.DisposeAsync();
            }
        }
        finally
        {
            _namespace?.Dispose();
            Directory.Delete(_directory, recursive: true);
        }
    }

    private static void Build(NetworkNamespace ns)
    {
        // The VF-style twin is made before eth1 so that it comes first in index order: the daemon must still pick eth1.
        AddVeth(ns, "eth10", "vethp10", Eth10Mac);
        AddVeth(ns, "enP1s1", "vethpvf", Eth1Mac);
        AddVeth(ns, "eth1", "vethp1", Eth1Mac);
        AddVeth(ns, "docker0", "vethpd0", null);

        ns.Ip("addr", "add", "192.0.2.10/24", "dev", "eth1");
        ns.Ip("addr", "add", "192.0.2.11/25", "dev", "eth1");
        ns.Ip("addr", "add", "2001:db8:1::10/64", "dev", "eth1", "nodad");
        ns.Ip("addr", "add", "2001:db8:1::11/48", "dev", "eth1", "nodad");
        ns.Ip("addr", "add", "fe80::1/64", "dev", "eth1", "nodad");

        ns.Ip("addr", "add", "198.51.100.10/24", "dev", "eth10");
        ns.Ip("addr", "add", "198.51.100.11/24", "dev", "eth10");
        ns.Ip("addr", "add", "2001:db8:10::10/64", "dev", "eth10", "nodad");
        ns.Ip("addr", "add", "fe80::10/64", "dev", "eth10", "nodad");

        ns.Ip("addr", "add", "203.0.113.1/24", "dev", "docker0");
        ns.Ip("addr", "add", "2001:db8:d::1/64", "dev", "docker0", "nodad");

        // Two IPv4 defaults, told apart by metric; eth1's wins, so eth1 is the primary adapter despite its index.
        ns.Ip("-4", "route", "add", "default", "via", "192.0.2.1", "dev", "eth1", "metric", "100");
        ns.Ip("-4", "route", "add", "default", "via", "198.51.100.1", "dev", "eth10", "metric", "200");
        ns.Ip("-6", "route", "add", "default", "via", "2001:db8:1::1", "dev", "eth1", "metric", "100");

        ns.WriteResolvConf("# written by KvpDaemon.IntegrationTests\nsearch example.test\nnameserver 192.0.2.53\nnameserver 2001:db8::53\n");
    }

    private static void AddVeth(NetworkNamespace ns, string name, string peer, string? mac)
    {
        ns.Ip("link", "add", name, "type", "veth", "peer", "name", peer);
        if (mac is not null)
        {
            ns.Ip("link", "set", "dev", name, "address", mac.ToLowerInvariant());
        }

        foreach (var end in (string[])[name, peer])
        {
            ns.Ip("link", "set", "dev", end, "addrgenmode", "none");
            ns.Ip("link", "set", "dev", end, "up");
        }
    }
}
