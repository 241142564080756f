// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;
using KvpDaemon.IntegrationTests.Infrastructure;
using KvpDaemon.Remote;

namespace KvpDaemon.IntegrationTests.FirstHour;

/// <summary>
/// Issue 14, items 7 and 16: the real <c>hvkvp-sim wsman</c> on a bad or busy port, stopped by a signal, and answering
/// what third-party WS-Management clients send.
/// </summary>
public sealed partial class WsManLabTests : IDisposable
{
    private const string Simulator = "hvkvp-sim";
    private const string User = "admin";
    private const string Password = "lab-password";
    private static readonly TimeSpan Guard = TimeSpan.FromSeconds(60);
    private readonly TempPoolDirectory _directory = new();

    public WsManLabTests() => File.WriteAllText(PasswordFile, Password + "\n");

    private string PasswordFile => Path.Combine(_directory.Path, "password");

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task Item7_APortOutOfRange_IsOneLineAndExit2()
    {
        var result = await ProgramRun.RunAsync(Simulator, "wsman", "--port", "99999", "--password-file", PasswordFile);

        result.ShouldBeOneLine(2, "hvkvp-sim: --port 99999 is not a TCP port; use 1 to 65535, or 0 for any free port.");
    }

    [Fact]
    public async Task Item7_ABusyPort_IsOneLineAndExit2()
    {
        using var busy = new TcpListener(IPAddress.Loopback, 0);
        busy.Start();
        var port = ((IPEndPoint)busy.LocalEndpoint).Port;

        var result = await ProgramRun.RunAsync(Simulator, "wsman", "--port", $"{port}", "--password-file", PasswordFile);

        result.ExitCode.Should().Be(2, result.Error);
        result.ErrorLines.Should().ContainSingle().Which.Should()
            .StartWith($"hvkvp-sim: --port {port}: cannot listen on 127.0.0.1:{port} (")
            .And.EndWith("); stop what uses the port or choose another --port (0: any free port).");
        result.ShouldShowNoInternals();
    }

    [Theory]
    [InlineData(Interop.Libc.SIGTERM)]
    [InlineData(Interop.Libc.SIGINT)]
    public async Task Item7_ASignal_StopsTheDaemonAndRemovesTheTemporaryFiles(int signal)
    {
        if (signal == Interop.Libc.SIGINT && SigintIgnoredHere())
        {
            // Inherited ignored (a test run started in the background): the lab keeps it ignored, as a shell meant.
            return;
        }

        using var lab = StartLab();
        var (port, directory) = await ServingAsync(lab);
        var daemonPid = DaemonPid(lab.Process.Id);
        port.Should().BePositive();

        Interop.Libc.Kill(lab.Process.Id, signal).Should().Be(0);

        using (var guard = new CancellationTokenSource(Guard))
        {
            await lab.Process.WaitForExitAsync(guard.Token);
        }

        lab.Process.ExitCode.Should().Be(0, lab.Text);
        Directory.Exists(directory).Should().BeFalse("the temporary directory is removed");
        // The daemon was our child: gone, or a zombie reaped by nobody else, never still serving.
        Interop.Libc.Kill(daemonPid, 0).Should().Be(-1, "the daemon is stopped with the lab");
    }

    [Fact]
    public async Task Item16_TheLab_AnswersOnLocalhostEnumeratesWithoutAFilterAnswersIdentifyAndFaultsBadXml()
    {
        using var lab = StartLab();
        var (port, _) = await ServingAsync(lab);
        using var http = new HttpClient { Timeout = Guard };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue(
            "Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{User}:{Password}")));
        var endpoint = $"http://localhost:{port}/wsman";

        var (status, body) = await PostAsync(http, endpoint, EnumerateWithoutFilter());
        status.Should().Be(HttpStatusCode.OK, body);
        body.Should().Contain("EnumerationContext");

        (status, body) = await PostAsync(http, endpoint, Identify());
        status.Should().Be(HttpStatusCode.OK, body);
        body.Should().Contain("IdentifyResponse").And.Contain("ProtocolVersion");

        (status, body) = await PostAsync(http, endpoint, "<s:Envelope");
        status.Should().Be(HttpStatusCode.BadRequest);
        body.Should().Contain("Fault").And.Contain("not well-formed XML");
    }

    [Fact]
    public async Task Item8_HvkvpRemote_WorksAgainstTheLabByLocalhost()
    {
        using var lab = StartLab();
        var (port, _) = await ServingAsync(lab);

        var result = await ProgramRun.RunAsync(ProgramRun.StartInfo(
            "hvkvp",
            ["remote", $"hyperv://{User}@localhost:{port}/?transport=http", "list-vms"],
            new Dictionary<string, string> { ["HVKVP_PASSWORD"] = Password }));

        result.ExitCode.Should().Be(0, result.Error);
        result.Output.Should().Contain("kvp-lab");
    }

    private static async Task<(HttpStatusCode Status, string Body)> PostAsync(HttpClient http, string endpoint, string xml)
    {
        using var content = new StringContent(xml, Encoding.UTF8, "application/soap+xml");
        using var response = await http.PostAsync(endpoint, content);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    private static string EnumerateWithoutFilter() => $"""
        <s:Envelope xmlns:s="{WsManNames.Soap.NamespaceName}" xmlns:a="{WsManNames.Addressing.NamespaceName}"
                    xmlns:n="{WsManNames.Enumeration.NamespaceName}" xmlns:w="{WsManNames.WsMan.NamespaceName}">
          <s:Header>
            <a:To>http://localhost/wsman</a:To>
            <w:ResourceURI>{WsManNames.VirtualizationV2}Msvm_ComputerSystem</w:ResourceURI>
            <a:Action>{WsManNames.EnumerateAction}</a:Action>
            <a:MessageID>uuid:00000000-0000-0000-0000-000000000001</a:MessageID>
          </s:Header>
          <s:Body><n:Enumerate/></s:Body>
        </s:Envelope>
        """;

    private static string Identify() => $"""
        <s:Envelope xmlns:s="{WsManNames.Soap.NamespaceName}" xmlns:wsmid="http://schemas.dmtf.org/wbem/wsman/identity/1/wsmanidentity.xsd">
          <s:Header/>
          <s:Body><wsmid:Identify/></s:Body>
        </s:Envelope>
        """;

    private RunningProgram StartLab() => new(ProgramRun.StartInfo(
        Simulator, ["wsman", "--port", "0", "--user", User, "--password-file", PasswordFile]));

    private static async Task<(int Port, string PoolDirectory)> ServingAsync(RunningProgram lab)
    {
        await lab.WaitForLineAsync(line => line.StartsWith("Serving VM", StringComparison.Ordinal), Guard);
        var port = int.Parse(PortPattern().Match(lab.Text).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        var pools = PoolPattern().Match(lab.Text).Groups[1].Value;
        return (port, Path.GetDirectoryName(pools)!);
    }

    /// <summary>The lab's one child process, the daemon.</summary>
    private static int DaemonPid(int labPid)
    {
        var children = File.ReadAllText($"/proc/{labPid}/task/{labPid}/children").Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return int.Parse(children.Should().ContainSingle().Subject, System.Globalization.CultureInfo.InvariantCulture);
    }

    private static bool SigintIgnoredHere()
    {
        var line = File.ReadLines("/proc/self/status").First(l => l.StartsWith("SigIgn:", StringComparison.Ordinal));
        var mask = Convert.ToUInt64(line["SigIgn:".Length..].Trim(), 16);
        return (mask & (1UL << (Interop.Libc.SIGINT - 1))) != 0;
    }

    [GeneratedRegex(@"http://127\.0\.0\.1:(\d+)/wsman")]
    private static partial Regex PortPattern();

    [GeneratedRegex(@"pool directory ([^)]+)\)")]
    private static partial Regex PoolPattern();
}
