// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

using System.Text.Json;
using KvpDaemon.Cli;
using KvpDaemon.HostSimulator.Daemon;
using KvpDaemon.HostSimulator.WsMan;
using KvpDaemon.IntegrationTests.Infrastructure;
using KvpDaemon.Platform;

namespace KvpDaemon.IntegrationTests.Remote;

/// <summary>
/// The whole remote loop: the real daemon, the host simulator, its WS-Management front end on loopback, and
/// <c>hvkvp remote</c> run in-process through <see cref="HvkvpApp.RunAsync"/>.
/// </summary>
public sealed class RemoteEndToEndTests : IAsyncLifetime
{
    private const string User = "labadmin";
    private const string Password = "lab-pässword:1";

    private DaemonSession? _session;
    private SimulatorGuestKvp? _guest;
    private WsManServer? _server;

    private DaemonSession Session => _session!;

    private string Uri => _server!.HyperVUri(User);

    public async Task InitializeAsync()
    {
        _session = await Sessions.StartAsync("linux");
        _guest = new SimulatorGuestKvp(_session.Simulator);
        _server = WsManServer.Start(new SimulatedHyperVHost(_guest), User, Password, port: 0);
    }

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }

        _guest?.Dispose();
        if (_session is not null)
        {
            await _session.DisposeAsync();
        }
    }

    [Fact]
    public async Task Upsert_NewKey_LandsInPoolZeroAndInHostItems()
    {
        var (code, output, error) = await RunAsync(Password, "remote", Uri, "upsert", "kvp-lab", "color", "blue");
        code.Should().Be(ExitCodes.Success, error);
        output.Should().Contain("Added host item 'color'");

        File.ReadAllBytes(Session.PoolFile(0)).Should().Equal(PoolBytes.Records(("color", "blue")));

        (code, output, error) = await RunAsync(Password, "remote", Uri, "upsert", "kvp-lab", "color", "green");
        code.Should().Be(ExitCodes.Success, error);
        output.Should().Contain("Modified host item 'color'");
        File.ReadAllBytes(Session.PoolFile(0)).Should().Equal(PoolBytes.Records(("color", "green")));

        (code, output, error) = await RunAsync(Password, "remote", Uri, "vm", "kvp-lab", "host", "--json");
        code.Should().Be(ExitCodes.Success, error);
        output.Trim().Should().Be("""[{"key":"color","value":"green","source":0}]""");
    }

    [Fact]
    public async Task AddThenRemove_ExistingKey_AddFailsWithTheJobErrorAndRemoveEmptiesThePool()
    {
        (await RunAsync(Password, "remote", Uri, "add", "kvp-lab", "k", "v")).Code.Should().Be(ExitCodes.Success);

        var (code, _, error) = await RunAsync(Password, "remote", Uri, "add", "kvp-lab", "k", "w");
        code.Should().Be(ExitCodes.IoError);
        error.Should().Contain("32773").And.Contain("already exists");

        (code, _, error) = await RunAsync(Password, "remote", Uri, "remove", "kvp-lab", "k");
        code.Should().Be(ExitCodes.Success, error);
        File.ReadAllBytes(Session.PoolFile(0)).Should().BeEmpty();
    }

    [Fact]
    public async Task Intrinsic_Json_HoldsTheFqdnAndAddressesTheDaemonReports()
    {
        using var guard = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var before = await ReportedAsync(guard.Token);

        var (code, output, error) = await RunAsync(Password, "remote", Uri, "vm", "kvp-lab", "intrinsic", "--json");
        var after = await ReportedAsync(guard.Token);

        // The first FQDN lookup may still be running during the first enumeration (which then reports the host name)
        // and end before the next one: the remote read must match the daemon's answer before or after it.
        code.Should().Be(ExitCodes.Success, error);
        var items = JsonDocument.Parse(output).RootElement.EnumerateArray()
            .ToDictionary(item => item.GetProperty("key").GetString()!, item => item.GetProperty("value").GetString()!);
        foreach (var key in new[] { "FullyQualifiedDomainName", "NetworkAddressIPv4", "NetworkAddressIPv6" })
        {
            items.Should().ContainKey(key).WhoseValue.Should().BeOneOf(before[key], after[key]);
        }

        items["FullyQualifiedDomainName"].Should().NotBeEmpty();
        items.Should().HaveCount(after.Count);
    }

    [Fact]
    public async Task ListVms_Table_ShowsTheLabVm()
    {
        var (code, output, error) = await RunAsync(Password, "remote", Uri, "list-vms");

        code.Should().Be(ExitCodes.Success, error);
        output.Should().Contain("kvp-lab").And.Contain(SimulatedHyperVHost.VmId).And.NotContain(SimulatedHyperVHost.HostName);
    }

    [Fact]
    public async Task AnyCommand_WrongPassword_SaysAuthenticationFailed()
    {
        var (code, output, error) = await RunAsync("wrong", "remote", Uri, "vm", "kvp-lab", "intrinsic");

        code.Should().Be(ExitCodes.IoError);
        output.Should().BeEmpty();
        // The lab speaks transport=http: the first line warns that Basic sends the password unencrypted.
        error.Trim().Split('\n').Should().Equal(
            "hvkvp: warning: transport=http sends the password for 'labadmin' to 127.0.0.1 unencrypted (Basic authentication); use https where you can.",
            "hvkvp: remote: authentication failed (HTTP 401): check the user and password, and that WinRM allows Basic auth");
    }

    [Fact]
    public async Task Vm_UnknownName_SaysSo()
    {
        var (code, _, error) = await RunAsync(Password, "remote", Uri, "vm", "no-such-vm", "guest");

        code.Should().Be(ExitCodes.IoError);
        error.Should().Contain("No virtual machine is named 'no-such-vm'");
    }

    private static async Task<(int Code, string Output, string Error)> RunAsync(string password, params string[] args)
    {
        var environment = new Dictionary<string, string> { ["HVKVP_PASSWORD"] = password };
        var app = new HvkvpApp(KvpDialect.ForCurrentOperatingSystem(), name => environment.GetValueOrDefault(name));
        using var output = new StringWriter();
        using var error = new StringWriter();
        using var guard = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var code = await app.RunAsync(args, output, error, guard.Token);
        return (code, output.ToString(), error.ToString());
    }

    private async Task<Dictionary<string, string>> ReportedAsync(CancellationToken cancellationToken) =>
        (await Session.Simulator.EnumerateAllAsync(2, cancellationToken))
            .ToDictionary(item => item.Key.ToString(), item => item.Value.ToString());
}
