// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

using System.Runtime.CompilerServices;
using System.Text;
using KvpDaemon.IpConfig;
using KvpDaemon.IpConfig.Backends;
using KvpDaemon.Protocol;

namespace KvpDaemon.Tests.IpConfig;

/// <summary>
/// Every backend's plan for every case, compared with Samples/IpConfig/&lt;backend&gt;/&lt;case&gt;.plan. After a deliberate
/// format change, run once with KVPD_UPDATE_GOLDEN=1 to rewrite the samples in the source tree, then review the diff.
/// </summary>
public sealed class BackendGoldenTests
{
    private const string ResolvConfBefore = "search example.com\nnameserver 192.0.2.53\noptions edns0\n";

    public static TheoryData<string, string> Matrix()
    {
        var data = new TheoryData<string, string>();
        foreach (var backend in Backends.Keys)
        {
            foreach (var name in Cases.Keys)
            {
                data.Add(backend, name);
            }
        }

        return data;
    }

    private static readonly Dictionary<string, KvpSetIpInfoRequest> Cases = new()
    {
        ["single-ipv4"] = IpConfigTestSystem.Request("192.168.1.10", "255.255.255.0", "192.168.1.1", "192.168.1.1"),
        ["multiple-ipv4"] = IpConfigTestSystem.Request(
            "10.0.0.5;10.0.0.6; 10.1.0.5", "255.255.255.0;255.255.255.0;255.255.0.0", "10.0.0.1", "10.0.0.2;10.0.0.3"),
        ["ipv6-only"] = IpConfigTestSystem.Request("2001:db8:1::5;2001:DB8:2::5", "64;/48", "fe80::1", "2001:4860:4860::8888"),
        ["mixed"] = IpConfigTestSystem.Request(
            "2001:db8::20;172.16.0.20", "ffff:ffff:ffff:ffff::;255.255.0.0", "2001:db8::1;172.16.0.1", "2001:db8::53;172.16.0.53"),
        ["dhcp"] = IpConfigTestSystem.Request(string.Empty, string.Empty, dhcp: true),
        ["protocol-6-2"] = IpConfigTestSystem.Request(
            "192.168.1.10;192.168.1.11;2001:db8::10", "255.255.255.0;255.255.255.0;64", "192.168.1.1;2001:db8::1", "8.8.8.8;2001:4860:4860::8888"),
    };

    private static readonly Dictionary<string, (IIpConfigBackend Backend, string Interface)> Backends = new()
    {
        ["networkmanager"] = (new NetworkManagerBackend(), "eth0"),
        ["networkd"] = (new NetworkdBackend(), "eth0"),
        ["netplan"] = (new NetplanBackend(), "eth0"),
        ["ifupdown"] = (new IfupdownBackend(), "eth0"),
        ["ifcfg"] = (new IfcfgBackend(), "eth0"),
        ["iproute2"] = (new Iproute2Backend(manageResolvConf: true), "eth0"),
        ["freebsd"] = (new FreeBsdBackend(), "hn0"),
        ["script-linux"] = (new ScriptBackend("/usr/libexec/hypervkvpd/hv_set_ifconfig", "/var/lib/hypervkvpd", IpConfigPlatform.Linux), "eth0"),
        ["script-freebsd"] = (new ScriptBackend("/usr/libexec/hyperv/hv_set_ifconfig", "/var/db/hypervkvpd", IpConfigPlatform.FreeBsd), "hn0"),
    };

    [Theory]
    [MemberData(nameof(Matrix))]
    public void Plan_Case_MatchesGoldenFile(string backend, string name)
    {
        var (planner, interfaceName) = Backends[backend];
        var parsed = IpSettingsParser.Parse(Cases[name]);
        parsed.Error.Should().BeNull();
        var request = new IpConfigRequest(interfaceName, "00:15:5D:01:02:03", parsed.Settings!);

        var actual = Render(planner.Plan(request, new IpConfigPlanContext(ResolvConfBefore)));

        var relative = Path.Combine("Samples", "IpConfig", backend, name + ".plan");
        if (Environment.GetEnvironmentVariable("KVPD_UPDATE_GOLDEN") == "1")
        {
            var source = Path.Combine(SourceDirectory(), "..", relative);
            Directory.CreateDirectory(Path.GetDirectoryName(source)!);
            File.WriteAllText(source, actual);
        }

        actual.Should().Be(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, relative)));
    }

    [Fact]
    public void ScriptBackend_ProtocolWorkedExample_IsByteExact()
    {
        var settings = IpSettingsParser.Parse(Cases["protocol-6-2"]).Settings!;
        var directory = Path.Combine(AppContext.BaseDirectory, "Samples", "IpConfig", "protocol-6-2");

        Encoding.UTF8.GetBytes(ScriptBackend.Ifcfg("eth0", "00:15:5D:01:02:03", settings))
            .Should().Equal(File.ReadAllBytes(Path.Combine(directory, "ifcfg-eth0")));
        Encoding.UTF8.GetBytes(ScriptBackend.Keyfile("eth0", "00:15:5D:01:02:03", settings))
            .Should().Equal(File.ReadAllBytes(Path.Combine(directory, "eth0.nmconnection")));
    }

    [Fact]
    public void NetworkManagerBackend_ConnectionUuid_IsStablePerInterface()
    {
        NetworkManagerBackend.ConnectionUuid("eth0").Should().Be(NetworkManagerBackend.ConnectionUuid("eth0"));
        NetworkManagerBackend.ConnectionUuid("eth0").Should().NotBe(NetworkManagerBackend.ConnectionUuid("eth1"));
        NetworkManagerBackend.ConnectionUuid("eth0")[14].Should().Be('8', "the UUID is version 8 (name-based, SHA-256)");
    }

    [Fact]
    public void ScriptBackend_UnknownMac_Throws()
    {
        var settings = IpSettingsParser.Parse(Cases["single-ipv4"]).Settings!;
        var backend = Backends["script-linux"].Backend;

        var plan = () => backend.Plan(new IpConfigRequest("eth0", null, settings), IpConfigPlanContext.Empty);

        plan.Should().Throw<InvalidOperationException>();
    }

    /// <summary>The plan as text: each file framed with its path and mode, then the commands.</summary>
    internal static string Render(IpConfigPlan plan)
    {
        var text = new StringBuilder();
        text.Append("backend ").Append(plan.Backend).Append('\n');
        foreach (var warning in plan.Warnings)
        {
            text.Append("warning ").Append(warning).Append('\n');
        }

        foreach (var command in plan.PreCommands)
        {
            text.Append(command.MayFail ? "pre-try " : "pre-run ").Append(string.Join(" | ", command.Arguments)).Append('\n');
        }

        foreach (var file in plan.Files)
        {
            text.Append("=== file ").Append(file.Path).Append(" mode ").Append(Convert.ToString((int)file.Mode, 8)).Append('\n');
            text.Append(file.Content);
            text.Append("=== end\n");
        }

        foreach (var path in plan.ModifiedByCommands)
        {
            text.Append("modifies ").Append(path).Append('\n');
        }

        foreach (var path in plan.RemovedFiles)
        {
            text.Append("removes ").Append(path).Append('\n');
        }

        foreach (var command in plan.Commands)
        {
            text.Append(command.MayFail ? "try " : "run ").Append(string.Join(" | ", command.Arguments));
            text.Append(command.ExpectedOutput is null ? "\n" : " => expect " + command.ExpectedOutput + "\n");
        }

        foreach (var command in plan.RollbackCommands)
        {
            text.Append("rollback ").Append(string.Join(" | ", command.Arguments)).Append('\n');
        }

        return text.ToString();
    }

    private static string SourceDirectory([CallerFilePath] string path = "") => Path.GetDirectoryName(path)!;
}
