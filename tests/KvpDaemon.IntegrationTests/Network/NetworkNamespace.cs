// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

using System.Security.Cryptography;
using System.Text.Json;
using KvpDaemon.IntegrationTests.Packaging;

namespace KvpDaemon.IntegrationTests.Network;

/// <summary>
/// A Linux network namespace named <c>kvpd-&lt;random&gt;</c>, made with <c>ip netns add</c> and removed on dispose together
/// with every interface in it and its <c>/etc/netns/NAME</c> directory. Commands run through iproute2; each has a
/// guard timeout that only fails a hung test.
/// </summary>
internal sealed class NetworkNamespace : IDisposable
{
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(30);
    private static readonly Lazy<string?> UnavailableReasonValue = new(FindUnavailableReason);
    private bool _disposed;

    private NetworkNamespace(string name, string ip)
    {
        Name = name;
        IpPath = ip;
    }

    /// <summary>Why namespaces cannot be used here (not root, no iproute2, no netns support), or null when they can.</summary>
    public static string? UnavailableReason => UnavailableReasonValue.Value;

    public string Name { get; }

    /// <summary>The full path of the <c>ip</c> program.</summary>
    public string IpPath { get; }

    /// <summary>The files <c>ip netns exec</c> bind-mounts over <c>/etc</c> for this namespace (ip-netns(8)).</summary>
    public string EtcDirectory => Path.Combine("/etc/netns", Name);

    /// <summary>The prefix that runs a command inside the namespace.</summary>
    public IReadOnlyList<string> ExecPrefix => [IpPath, "netns", "exec", Name];

    /// <summary>Creates a namespace with a fresh name and brings its loopback up.</summary>
    public static NetworkNamespace Create()
    {
        var ip = PackagingTools.Find("ip") ?? throw new InvalidOperationException("iproute2's ip is not installed.");
        var name = "kvpd-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4));
        Run(ip, ["netns", "add", name]);
        var created = new NetworkNamespace(name, ip);
        try
        {
            created.Ip("link", "set", "lo", "up");
            return created;
        }
        catch
        {
            created.Dispose();
            throw;
        }
    }

    /// <summary>Runs <c>ip -n NAME ARGS</c>; throws with its output when it fails.</summary>
    public string Ip(params string[] arguments) => Run(IpPath, ["-n", Name, .. arguments]);

    /// <summary>Runs <c>ip -n NAME -j ARGS</c> and parses the JSON it prints.</summary>
    public JsonElement IpJson(params string[] arguments)
    {
        var output = Ip(["-j", .. arguments]);
        using var document = JsonDocument.Parse(string.IsNullOrWhiteSpace(output) ? "[]" : output);
        return document.RootElement.Clone();
    }

    /// <summary>
    /// The addresses of <paramref name="interfaceName"/> as <c>address/prefix</c>, in the kernel's order (what
    /// getifaddrs also reports).
    /// </summary>
    public IReadOnlyList<string> Addresses(string interfaceName, bool globalOnly = false)
    {
        var links = IpJson("addr", "show", "dev", interfaceName);
        return links.EnumerateArray()
            .SelectMany(link => link.GetProperty("addr_info").EnumerateArray())
            .Where(info => !globalOnly || info.GetProperty("scope").GetString() == "global")
            .Select(info => $"{info.GetProperty("local").GetString()}/{info.GetProperty("prefixlen").GetInt32()}")
            .ToArray();
    }

    /// <summary>The default routes of one family as <c>gateway dev</c> strings (<c>-4</c> or <c>-6</c>).</summary>
    public IReadOnlyList<string> DefaultRoutes(string family) =>
        IpJson(family, "route", "show", "default").EnumerateArray()
            .Select(route => $"{Property(route, "gateway")} {Property(route, "dev")}")
            .ToArray();

    /// <summary>Writes <c>/etc/netns/NAME/resolv.conf</c>, which <c>ip netns exec</c> shows as <c>/etc/resolv.conf</c>.</summary>
    public void WriteResolvConf(string text)
    {
        Directory.CreateDirectory(EtcDirectory);
        File.WriteAllText(Path.Combine(EtcDirectory, "resolv.conf"), text);
    }

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        try
        {
            // Deleting the namespace destroys its veth ends, and with them their peers.
            Run(IpPath, ["netns", "delete", Name]);
        }
        finally
        {
            if (Directory.Exists(EtcDirectory))
            {
                Directory.Delete(EtcDirectory, recursive: true);
            }
        }
    }

    private static string Property(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) ? value.GetString() ?? string.Empty : string.Empty;

    private static string Run(string fileName, string[] arguments)
    {
        var result = PackagingTools.Run(fileName, arguments, CommandTimeout);
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"{fileName} {string.Join(' ', arguments)} failed: {result}");
        }

        return result.Output;
    }

    private static string? FindUnavailableReason()
    {
        if (!OperatingSystem.IsLinux())
        {
            return "Network namespaces exist on Linux only.";
        }

        if (!Environment.IsPrivilegedProcess)
        {
            return "Network namespace tests need root (ip netns add).";
        }

        if (PackagingTools.Find("ip") is null)
        {
            return "iproute2's ip is not installed (apt-get install iproute2).";
        }

        try
        {
            // A sandbox may forbid namespaces even to root: try one, with a veth pair, as the tests use them.
            using var probe = Create();
            probe.Ip("link", "add", "probe0", "type", "veth", "peer", "name", "probe1");
            return null;
        }
        catch (InvalidOperationException exception)
        {
            return "Cannot create a network namespace with a veth pair here: " + exception.Message;
        }
    }
}
