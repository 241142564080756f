// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

using KvpDaemon.IpConfig;
using KvpDaemon.Protocol;
using KvpDaemon.Tests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;

namespace KvpDaemon.Tests.IpConfig;

/// <summary>
/// A guest in a temporary directory: <c>sys/</c> is the sysfs root with one interface, <c>root/</c> the root every file
/// is written under, and a fake command runner.
/// </summary>
internal sealed class IpConfigTestSystem : IDisposable
{
    public const string Guid = "{a1b2c3d4-0000-4000-8000-00155d010203}";
    public const string Mac = "00:15:5d:01:02:03";

    private readonly TempDirectory _directory = new();

    public IpConfigTestSystem(string interfaceName = "eth0")
    {
        SysfsRoot = _directory.Combine("sys");
        Root = _directory.Combine("root");
        Directory.CreateDirectory(Root);
        AddInterface(interfaceName, Guid, Mac, 2);
        Options = new IpConfigOptions { Root = Root, SysfsRoot = SysfsRoot, Backend = IpConfigBackendNames.Networkd };
    }

    public string SysfsRoot { get; }

    public string Root { get; }

    public IpConfigOptions Options { get; }

    /// <summary>Succeeds, and answers the confirming queries as a system where the apply took effect.</summary>
    public FakeCommandRunner Runner { get; } = new() { Respond = HealthyAnswer };

    /// <summary>
    /// What a working system prints: networkctl names the injected network file; nmcli echoes the profile's UUID and
    /// says it is activated.
    /// </summary>
    public static string HealthyAnswer(IReadOnlyList<string> command) => command[0] switch
    {
        "networkctl" => $"Network File: /etc/systemd/network/00-hyperv-{command[^1]}.network\n",
        "nmcli" => command[^1] + "\nactivated\n",
        _ => string.Empty,
    };

    public void AddInterface(string name, string deviceId, string mac, int index)
    {
        var directory = Path.Combine(SysfsRoot, "class", "net", name);
        Directory.CreateDirectory(Path.Combine(directory, "device"));
        File.WriteAllText(Path.Combine(directory, "device", "device_id"), deviceId + "\n");
        File.WriteAllText(Path.Combine(directory, "address"), mac + "\n");
        File.WriteAllText(Path.Combine(directory, "ifindex"), index + "\n");
    }

    public SetIpInfoHandler Handler(ICommandRunner? runner = null, IpConfigPlatform platform = IpConfigPlatform.Linux) =>
        new(Options, platform, new SysfsInterfaceCatalog(SysfsRoot), runner ?? Runner, TimeProvider.System, NullLogger<SetIpInfoHandler>.Instance);

    public async Task<HvStatus> ApplyAsync(KvpSetIpInfoRequest request, ICommandRunner? runner = null) =>
        (await Handler(runner).ApplyAsync(request, CancellationToken.None)).Status;

    /// <summary>Every file under the root, as relative paths.</summary>
    public IReadOnlyList<string> FilesUnderRoot() =>
        Directory.EnumerateFiles(Root, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(Root, f)).Order(StringComparer.Ordinal).ToArray();

    public string UnderRoot(string path) => Path.Join(Root, path.TrimStart('/'));

    public static KvpSetIpInfoRequest Request(
        string ip, string subnets, string gateways = "", string dns = "", bool dhcp = false, string adapter = Guid) =>
        new(0, adapter, 0, dhcp, ip, subnets, gateways, dns);

    public void Dispose() => _directory.Dispose();
}
