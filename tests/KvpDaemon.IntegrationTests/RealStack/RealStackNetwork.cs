// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

using System.Diagnostics;
using System.Text;
using System.Text.Json;
using KvpDaemon.HostSimulator.Daemon;
using KvpDaemon.IntegrationTests.Infrastructure;
using KvpDaemon.IntegrationTests.Network;
using KvpDaemon.IntegrationTests.Packaging;
using KvpDaemon.Protocol;

namespace KvpDaemon.IntegrationTests.RealStack;

/// <summary>
/// A guest and a peer network namespace joined by a veth pair (guest <c>eth1</c>, peer <c>vethp1</c>), dnsmasq in the
/// peer as the DHCP server (192.0.2.100-150, router 192.0.2.1, name server 192.0.2.53) and optionally the IPv6 router
/// (2001:db8:7::/64 advertisements), and the real daemon in the guest configured for one backend. Everything the real
/// tools read or write is private: <c>ip netns exec</c> bind-mounts <c>/etc/netns/GUEST/{network,netplan,resolv.conf}</c>
/// over <c>/etc</c>, and every guest command runs under <c>unshare --mount</c> with this test's directories
/// bind-mounted over <c>/run</c> and <c>/var/lib/dhcp</c>, so ifupdown's state and dhclient's pid and lease files are
/// shared by the daemon and the test but never the machine's. Dispose stops every process left in both namespaces
/// (dhclient, dnsmasq: all started here), then deletes the namespaces and directories.
/// </summary>
internal sealed class RealStackNetwork : IAsyncDisposable
{
    public const string Interface = "eth1";
    public const string Mac = "00:15:5d:00:00:01";
    public const string Guid = "{3B0D4E3F-1C2A-4B5C-9D8E-7F6A5B4C3D2E}";
    public const string DhcpRouter = "192.0.2.1";
    public const string DhcpNameServer = "192.0.2.53";

    /// <summary>The name server in resolv.conf before any injection.</summary>
    public const string InitialNameServer = "198.51.100.53";

    /// <summary>Debian 12's /etc/network/interfaces as installed (no interface but loopback).</summary>
    public const string DebianInterfaces =
        "# This file describes the network interfaces available on your system\n" +
        "# and how to activate them. For more information, see interfaces(5).\n\n" +
        "source /etc/network/interfaces.d/*\n\n" +
        "# The loopback network interface\nauto lo\niface lo inet loopback\n";

    private static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(60);
    private static readonly Lazy<string?> UnavailableReasonValue = new(FindUnavailableReason);

    private readonly string _directory = Directory.CreateTempSubdirectory("kvpd-realstack-").FullName;
    private readonly StringBuilder _dnsmasqLog = new();
    private NetworkNamespace? _guest;
    private NetworkNamespace? _peer;
    private Process? _dnsmasq;
    private DaemonSession? _daemon;
    private bool _dryRun;
    private bool _networkd;
    private bool _networkManager;
    private Process? _networkdProcess;

    private RealStackNetwork()
    {
    }

    /// <summary>Why the real stacks cannot be used here, or null when they can.</summary>
    public static string? UnavailableReason => UnavailableReasonValue.Value;

    public NetworkNamespace Guest => _guest ?? throw new InvalidOperationException("Not started.");

    public DaemonSession Daemon => _daemon ?? throw new InvalidOperationException("Not started.");

    /// <summary>
    /// <c>IpConfig:ManageResolvConf</c> (iproute2). Off, resolv.conf is not the daemon's and its name servers are not
    /// checked: the item 1 and 5 tests run so, so that they fail on earlier builds for their own reason.
    /// </summary>
    public bool ManagesResolvConf { get; private init; }

    /// <summary>The guest's private /etc entries (<c>network/</c>, <c>netplan/</c>, <c>resolv.conf</c>).</summary>
    public string Etc => Guest.EtcDirectory;

    /// <summary>
    /// Builds the namespaces and dnsmasq, lets <paramref name="prepare"/> change the private /etc (for example
    /// Debian's default stanza) and run commands, then starts the daemon with <paramref name="backend"/>.
    /// </summary>
    public static async Task<RealStackNetwork> StartAsync(
        string backend, bool routerAdvertisements = false, Action<RealStackNetwork>? prepare = null, bool dryRun = false, bool manageResolvConf = true)
    {
        var network = new RealStackNetwork { _dryRun = dryRun, ManagesResolvConf = manageResolvConf, _networkd = backend == "networkd", _networkManager = backend == "networkmanager" };
        try
        {
            network.Build(routerAdvertisements);
            prepare?.Invoke(network);
            if (network._networkd)
            {
                await network.StartNetworkdAsync();
            }

            if (network._networkManager)
            {
                await network.StartNetworkManagerAsync();
            }

            network._daemon = await NamespaceDaemonStartAsync(network, backend);
            return network;
        }
        catch
        {
            await network.DisposeAsync();
            throw;
        }
    }

    /// <summary>SET_IP_INFO for the mapped GUID (both families flagged, as the host sends it).</summary>
    public Task<KvpReply> SetIpInfoAsync(bool dhcp, string addresses, string subnets, string gateways, string dns) =>
        Daemon.SendAsync(new KvpSetIpInfoRequest(
            0, Guid, (byte)(KvpAddressFamily.ADDR_FAMILY_IPV4 | KvpAddressFamily.ADDR_FAMILY_IPV6), dhcp, addresses, subnets, gateways, dns));

    /// <summary>Runs a program in the guest with the private /run and /var/lib/dhcp; throws when it fails.</summary>
    public string Exec(params string[] command)
    {
        var result = PackagingTools.Run(Guest.IpPath, [.. GuestPrefix().Skip(1), .. command], CommandTimeout);
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"{string.Join(' ', command)} failed: {result}");
        }

        return result.Output;
    }

    /// <summary>The files the dry runs wrote (<c>IpConfig:DryRun</c>), by system path, newest plan last.</summary>
    public IReadOnlyList<string> DryRunFiles(string systemPath)
    {
        var plans = Path.Combine(_directory, "state", "dry-run");
        return Directory.Exists(plans)
            ? Directory.GetDirectories(plans).Order(StringComparer.Ordinal)
                .Select(d => Path.Join(d, "files", systemPath.TrimStart('/'))).Where(File.Exists).ToArray()
            : [];
    }

    /// <summary>The guest's global addresses on <see cref="Interface"/>.</summary>
    public IReadOnlyList<string> Addresses() => Guest.Addresses(Interface, globalOnly: true);

    /// <summary>The name servers of the guest's resolv.conf, in order.</summary>
    public IReadOnlyList<string> NameServers() =>
        File.ReadAllLines(Path.Combine(Etc, "resolv.conf"))
            .Select(l => l.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries))
            .Where(w => w.Length == 2 && w[0] == "nameserver").Select(w => w[1]).ToArray();

    /// <summary>The command lines of the DHCP clients running in the guest.</summary>
    public IReadOnlyList<string> DhcpClients() =>
        ProcessesIn(Guest).Select(CommandLine).Where(c => c.Split(' ')[0].EndsWith("dhclient", StringComparison.Ordinal)).ToArray();

    /// <summary>How many router advertisements the guest's kernel has received (Icmp6InRouterAdvertisements).</summary>
    public long RouterAdvertisementsReceived()
    {
        var line = Exec("cat", "/proc/net/snmp6").Split('\n').Single(l => l.StartsWith("Icmp6InRouterAdvertisements", StringComparison.Ordinal));
        return long.Parse(line.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries)[1], System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Polls <paramref name="condition"/> every 100 ms; false if it never held within <paramref name="limit"/>.</summary>
    public static async Task<bool> EventuallyAsync(Func<bool> condition, TimeSpan limit)
    {
        var deadline = Stopwatch.StartNew();
        while (!condition())
        {
            if (deadline.Elapsed > limit)
            {
                return false;
            }

            await Task.Delay(100);
        }

        return true;
    }

    /// <summary>Everything a failing assertion should show: daemon log, dnsmasq log, addresses, routes, processes.</summary>
    public string Describe()
    {
        var text = new StringBuilder();
        try
        {
            text.Append("addresses: ").AppendJoin(", ", Guest.Addresses(Interface)).Append('\n');
            text.Append("default4: ").AppendJoin(", ", Guest.DefaultRoutes("-4")).Append('\n');
            text.Append("default6: ").AppendJoin(", ", Guest.DefaultRoutes("-6")).Append('\n');
            text.Append("guest processes: ").AppendJoin(" | ", ProcessesIn(Guest).Select(CommandLine)).Append('\n');
        }
        catch (InvalidOperationException e)
        {
            text.Append(e.Message).Append('\n');
        }

        lock (_dnsmasqLog)
        {
            text.Append("dnsmasq and networkd: ").Append(_dnsmasqLog).Append('\n');
        }

        return text.Append(_daemon?.DescribeDaemon()).ToString();
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (_daemon is not null)
            {
                await _daemon.DisposeAsync();
            }
        }
        finally
        {
            foreach (var ns in new[] { _guest, _peer }.OfType<NetworkNamespace>())
            {
                StopProcessesIn(ns);
            }

            _dnsmasq?.Dispose();
            _networkdProcess?.Dispose();
            _guest?.Dispose();
            _peer?.Dispose();
            Directory.Delete(_directory, recursive: true);
        }
    }

    /// <summary>
    /// Starts the daemon built with the tests, or the one <c>KVPD_REALSTACK_DAEMON</c> names: docs/reliability.md uses
    /// that to show each test failing against an earlier build.
    /// </summary>
    private static Task<DaemonSession> NamespaceDaemonStartAsync(RealStackNetwork network, string backend) =>
        DaemonSession.StartAsync(
            KvpAbi.Linux,
            new DaemonProcessOptions
            {
                Debug = true,
                ExecutablePath = Environment.GetEnvironmentVariable("KVPD_REALSTACK_DAEMON"),
                CommandPrefix = network.GuestPrefix(),
                ExtraArguments = ["--config", network.WriteConfig(backend)],
            },
            Sessions.RegistrationTimeout,
            CancellationToken.None);

    private void Build(bool routerAdvertisements)
    {
        _guest = NetworkNamespace.Create();
        _peer = NetworkNamespace.Create();
        Directory.CreateDirectory(Path.Combine(_directory, "run", "network"));
        Directory.CreateDirectory(Path.Combine(_directory, "dhcp"));
        Directory.CreateDirectory(Path.Combine(_directory, "state"));
        var network = Path.Combine(Etc, "network");
        foreach (var hooks in new[] { "interfaces.d", "if-pre-up.d", "if-up.d", "if-down.d", "if-post-down.d" })
        {
            Directory.CreateDirectory(Path.Combine(network, hooks));
        }

        File.WriteAllText(Path.Combine(network, "interfaces"), DebianInterfaces);
        Directory.CreateDirectory(Path.Combine(Etc, "netplan"));
        if (_networkManager)
        {
            // No automatic "Wired connection 1"; DNS kept in NetworkManager's own view (the guest's resolv.conf is a
            // bind-mounted file, which NetworkManager would replace by a rename).
            Directory.CreateDirectory(Path.Combine(Etc, "NetworkManager", "system-connections"));
            Directory.CreateDirectory(Path.Combine(_directory, "nm-state"));
            File.WriteAllText(
                Path.Combine(Etc, "NetworkManager", "NetworkManager.conf"),
                "[main]\nplugins=keyfile\ndhcp=internal\nno-auto-default=*\ndns=none\nrc-manager=unmanaged\n");
        }

        if (_networkd)
        {
            // The guest's whole /etc/systemd is this directory: networkd reads only network/ from it.
            Directory.CreateDirectory(Path.Combine(Etc, "systemd", "network"));
        }

        Guest.WriteResolvConf($"nameserver {InitialNameServer}\n");

        // No duplicate address detection: addresses are usable at once, so no test waits for DAD.
        Exec("sysctl", "-q", "-w", "net.ipv6.conf.all.accept_dad=0", "net.ipv6.conf.default.accept_dad=0");
        Guest.Ip("link", "add", Interface, "type", "veth", "peer", "name", "vethp1");
        Guest.Ip("link", "set", "dev", Interface, "address", Mac);
        Guest.Ip("link", "set", "vethp1", "netns", _peer!.Name);
        Guest.Ip("link", "set", "dev", Interface, "up");
        _peer.Ip("addr", "add", "192.0.2.1/24", "dev", "vethp1");
        _peer.Ip("addr", "add", "2001:db8:7::1/64", "dev", "vethp1", "nodad");
        _peer.Ip("link", "set", "dev", "vethp1", "up");
        StartDnsmasq(routerAdvertisements);
    }

    /// <summary>
    /// The real systemd-networkd in the guest, on a private system bus (dbus-daemon with the system policy, its socket in
    /// the private /run), as networkctl needs. It drops to the systemd-network user, so its state directory is that
    /// user's; /sys is read-only in the guest's mounts, which tells networkd there is no udev to wait for.
    /// </summary>
    private async Task StartNetworkdAsync()
    {
        Directory.CreateDirectory(Path.Combine(_directory, "run", "dbus"));
        Directory.CreateDirectory(Path.Combine(_directory, "run", "systemd", "netif"));
        Exec("chown", "systemd-network:systemd-network", "/run/systemd/netif");
        Exec("dbus-daemon", "--system", "--fork");
        var networkd = new[] { "/lib/systemd/systemd-networkd", "/usr/lib/systemd/systemd-networkd" }.First(File.Exists);
        _networkdProcess = StartLogged(Guest.IpPath, [.. GuestPrefix().Skip(1), networkd]);
        var state = Path.Combine(_directory, "run", "systemd", "netif", "state");
        (await EventuallyAsync(() => File.Exists(state), TimeSpan.FromSeconds(60))).Should().BeTrue("systemd-networkd must start; " + Describe());
    }

    /// <summary>
    /// A private NetworkManager (<c>--no-daemon</c>) on a private system bus, as for networkd; its state directory is a
    /// private one bind-mounted over /var/lib/NetworkManager.
    /// </summary>
    private async Task StartNetworkManagerAsync()
    {
        Directory.CreateDirectory(Path.Combine(_directory, "run", "dbus"));
        Exec("dbus-daemon", "--system", "--fork");
        var manager = PackagingTools.Find("NetworkManager") ?? "/usr/sbin/NetworkManager";
        _networkdProcess = StartLogged(Guest.IpPath, [.. GuestPrefix().Skip(1), manager, "--no-daemon"]);
        (await EventuallyAsync(
                () => PackagingTools.Run(Guest.IpPath, [.. GuestPrefix().Skip(1), "nmcli", "-t", "general", "status"], CommandTimeout).ExitCode == 0,
                TimeSpan.FromSeconds(60)))
            .Should().BeTrue("NetworkManager must start; " + Describe());
    }

    private Process StartLogged(string fileName, IEnumerable<string> arguments)
    {
        var startInfo = new ProcessStartInfo(fileName) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        var process = Process.Start(startInfo) ?? throw new InvalidOperationException($"Cannot start {fileName}.");
        process.ErrorDataReceived += (_, e) => AppendLog(e.Data);
        process.OutputDataReceived += (_, e) => AppendLog(e.Data);
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
        return process;
    }

    private void StartDnsmasq(bool routerAdvertisements)
    {
        var dnsmasq = PackagingTools.Find("dnsmasq") ?? throw new InvalidOperationException("dnsmasq is not installed.");
        var startInfo = new ProcessStartInfo(_peer!.IpPath) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        string[] arguments =
        [
            "netns", "exec", _peer.Name, dnsmasq, "--keep-in-foreground", "--log-facility=-", "--conf-file=/dev/null", "--port=0",
            "--interface=vethp1", "--bind-interfaces", "--user=root", "--log-dhcp",
            "--pid-file=" + Path.Combine(_directory, "dnsmasq.pid"),
            "--dhcp-leasefile=" + Path.Combine(_directory, "dnsmasq.leases"),
            "--dhcp-range=192.0.2.100,192.0.2.150,255.255.255.0,1h",
            "--dhcp-option=option:router," + DhcpRouter,
            "--dhcp-option=option:dns-server," + DhcpNameServer,
        ];
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        if (routerAdvertisements)
        {
            // Unsolicited advertisements every few seconds, so a test sees one arrive after its injection.
            foreach (var argument in (string[])["--enable-ra", "--dhcp-range=2001:db8:7::,ra-only,64", "--ra-param=vethp1,4,1800"])
            {
                startInfo.ArgumentList.Add(argument);
            }
        }

        _dnsmasq = Process.Start(startInfo) ?? throw new InvalidOperationException("Cannot start dnsmasq.");
        _dnsmasq.ErrorDataReceived += (_, e) => AppendLog(e.Data);
        _dnsmasq.OutputDataReceived += (_, e) => AppendLog(e.Data);
        _dnsmasq.BeginErrorReadLine();
        _dnsmasq.BeginOutputReadLine();
    }

    private void AppendLog(string? line)
    {
        lock (_dnsmasqLog)
        {
            // Bounded: the log only explains a failure.
            if (line is not null && _dnsmasqLog.Length < 16_000)
            {
                _dnsmasqLog.Append(line).Append('\n');
            }
        }
    }

    /// <summary><c>ip netns exec GUEST unshare --mount sh -c 'bind the private /run and /var/lib/dhcp; exec "$@"'</c>.</summary>
    private IReadOnlyList<string> GuestPrefix() =>
    [
        Guest.IpPath, "netns", "exec", Guest.Name,
        "unshare", "--mount", "--propagation", "private",
        "sh", "-c", "mount --bind \"$0\" /run && mount --bind \"$1\" /var/lib/dhcp && " + (_networkd || _networkManager ? "mount -o remount,ro /sys && " : string.Empty) +
            (_networkManager ? $"mount --bind {Path.Combine(_directory, "nm-state")} /var/lib/NetworkManager && " : string.Empty) +
            "shift && exec \"$@\"",
        Path.Combine(_directory, "run"), Path.Combine(_directory, "dhcp"),
    ];

    private string WriteConfig(string backend)
    {
        var path = Path.Combine(_directory, "hypervkvpd.json");
        var configuration = new Dictionary<string, object>
        {
            ["IpConfig"] = new Dictionary<string, object>
            {
                ["Backend"] = backend,
                ["ManageResolvConf"] = ManagesResolvConf,
                ["DryRun"] = _dryRun,
                ["StateDirectory"] = Path.Combine(_directory, "state"),
                ["AdapterMap"] = new Dictionary<string, string> { [Guid] = Interface },
            },
        };
        File.WriteAllText(path, JsonSerializer.Serialize(configuration));
        return path;
    }

    private static IReadOnlyList<int> ProcessesIn(NetworkNamespace ns) =>
        PackagingTools.Run(ns.IpPath, ["netns", "pids", ns.Name], CommandTimeout).Output
            .Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(p => int.Parse(p, System.Globalization.CultureInfo.InvariantCulture)).ToArray();

    private static string CommandLine(int pid)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/cmdline").TrimEnd('\0').Replace('\0', ' ');
        }
        catch (IOException)
        {
            return string.Empty;
        }
    }

    /// <summary>Kills what is left in a namespace: only processes this class started (dnsmasq) or caused (dhclient).</summary>
    private static void StopProcessesIn(NetworkNamespace ns)
    {
        foreach (var pid in ProcessesIn(ns))
        {
            try
            {
                using var process = Process.GetProcessById(pid);
                process.Kill();
                process.WaitForExit(TimeSpan.FromSeconds(10));
            }
            catch (Exception e) when (e is ArgumentException or InvalidOperationException or System.ComponentModel.Win32Exception)
            {
                // Already gone.
            }
        }
    }

    private static string? FindUnavailableReason()
    {
        if (NetworkNamespace.UnavailableReason is { } reason)
        {
            return reason;
        }

        foreach (var (tool, package) in new[]
                 {
                     ("dnsmasq", "dnsmasq-base"), ("dhclient", "isc-dhcp-client"), ("ifup", "ifupdown"), ("netplan", "netplan.io"),
                     ("unshare", "util-linux"), ("sysctl", "procps"), ("dbus-daemon", "dbus"), ("NetworkManager", "network-manager"),
                     ("nmcli", "network-manager"), ("networkctl", "systemd"),
                 })
        {
            if (PackagingTools.Find(tool) is null)
            {
                return $"{tool} is not installed (apt-get install {package}).";
            }
        }

        if (!new[] { "/lib/systemd/systemd-networkd", "/usr/lib/systemd/systemd-networkd" }.Any(File.Exists))
        {
            return "systemd-networkd is not installed (apt-get install systemd).";
        }

        return new[] { "/etc/network", "/etc/netplan", "/etc/systemd", "/etc/NetworkManager", "/var/lib/NetworkManager" }.All(Directory.Exists)
            ? null
            : "/etc/network, /etc/netplan, /etc/systemd, /etc/NetworkManager and /var/lib/NetworkManager must exist to bind the private copies over them.";
    }
}
