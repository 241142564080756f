// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

using System.Net;
using System.Net.Sockets;
using KvpDaemon.IntegrationTests.Infrastructure;

namespace KvpDaemon.IntegrationTests.FirstHour;

/// <summary>Issue 14, items 8 to 12 and 14: the mistakes a new user makes with the real hvkvp.</summary>
public sealed class HvkvpMistakeTests : IDisposable
{
    private const string Hvkvp = "hvkvp";
    private readonly TempPoolDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task Item9_GetAfterSet_SaysWhichPoolHoldsTheKeyAndHowToAsk()
    {
        // The daemon creates all five pool files; an empty pool 0 stands for "the host pushed nothing".
        File.WriteAllBytes(Path.Combine(_directory.Path, ".kvp_pool_0"), []);
        (await ProgramRun.RunAsync(Hvkvp, "--pool-dir", _directory.Path, "set", "build-id", "X")).ExitCode.Should().Be(0);

        var result = await ProgramRun.RunAsync(Hvkvp, "--pool-dir", _directory.Path, "get", "build-id");

        result.ShouldBeOneLine(1, "hvkvp: no key 'build-id' in pool 0 (external). It is in pool 1 (guest): hvkvp get build-id --pool guest");
        (await ProgramRun.RunAsync(Hvkvp, "--pool-dir", _directory.Path, "get", "build-id", "--pool", "guest")).Output.Should().Be("X\n");
    }

    [Fact]
    public async Task Item10_AKeyThatIsNotUtf8_IsRefusedWithExit2()
    {
        // Raw bytes need a shell: .NET would encode any string it is given as UTF-8.
        var result = await ProgramRun.RunAsync(ProgramRun.StartInfo(
            "/bin/sh",
            ["-c", "exec \"$0\" --pool-dir \"$1\" set \"$(printf 'bad\\377key')\" v", ProgramRun.PathOf(Hvkvp), _directory.Path]));

        result.ShouldBeOneLine(2, "hvkvp: argument 4 ('bad\uFFFDkey') is not valid UTF-8; keys and values must be UTF-8 text.");
        File.Exists(Path.Combine(_directory.Path, ".kvp_pool_1")).Should().BeFalse("nothing is stored");
    }

    [Fact]
    public async Task Item11_ATimeoutThatIsNotANumber_SaysWhatTheOptionTakes()
    {
        var result = await ProgramRun.RunAsync(Hvkvp, "--pool-dir", _directory.Path, "wait", "X", "--timeout", "abc");

        result.ShouldBeOneLine(2, "hvkvp: --timeout: 'abc' is not a number of seconds; give one such as 30 or 0.5 (0 checks once).");
        result.Error.Should().NotContain("System.");
    }

    [Fact]
    public async Task Item12_RemoteHelp_ListsNeitherThePoolDirectoryNorTheLocalExitStatuses()
    {
        var result = await ProgramRun.RunAsync(Hvkvp, "remote", "--help");

        result.ExitCode.Should().Be(0);
        result.Output.Should().NotContain("--pool-dir").And.NotContain("wait: the key did not appear");
        result.Output.Should().Contain("3    the host could not be reached, or WinRM or Hyper-V refused or failed the request");
        (await ProgramRun.RunAsync(Hvkvp, "get", "--help")).Output.Should().Contain("--pool-dir", "local commands keep it");
    }

    [Fact]
    public void Item12_TheManualPage_DocumentsRemote()
    {
        var page = File.ReadAllText(Path.Combine(RepositoryFiles.Root, "docs", "man", "hvkvp.1"));

        page.Should().Contain(".Ss remote").And.Contain("?transport=http").And.Contain("list-vms");
    }

    [Fact]
    public async Task Item14_AMistypedCommand_IsOneLineNamingIt()
    {
        var result = await ProgramRun.RunAsync(Hvkvp, "lst");

        result.ShouldBeOneLine(2, "hvkvp: 'lst' is not a command; commands are list, get, set, delete, watch, wait, params, remote.");
        result.Error.Should().NotContain("Required command was not provided");
    }

    [Fact]
    public async Task Item8_HttpsOnWinRmsHttpPort_NamesTransportHttpNotInsecure()
    {
        // A plain-HTTP server on 5985, WinRM's HTTP port; the hint is about that port. Another program may hold it on
        // a shared machine, and then there is nothing to test against.
        TcpListener listener;
        try
        {
            listener = new TcpListener(IPAddress.Loopback, 5985);
            listener.Start();
        }
        catch (SocketException)
        {
            return;
        }

        using var stop = new CancellationTokenSource();
        var server = AnswerPlainHttpAsync(listener, stop.Token);
        try
        {
            var startInfo = ProgramRun.StartInfo(
                Hvkvp, ["remote", "hyperv://admin@127.0.0.1:5985", "list-vms"], new Dictionary<string, string> { ["HVKVP_PASSWORD"] = "x" });
            var result = await ProgramRun.RunAsync(startInfo);

            result.ExitCode.Should().Be(3, result.Error);
            result.ErrorLines.Should().ContainSingle().Which.Should().Contain("add ?transport=http to the URI").And.NotContain("--insecure");
        }
        finally
        {
            await stop.CancelAsync();
            listener.Stop();
            await server;
        }
    }

    private static async Task AnswerPlainHttpAsync(TcpListener listener, CancellationToken cancellationToken)
    {
        try
        {
            while (true)
            {
                using var client = await listener.AcceptTcpClientAsync(cancellationToken);
                var stream = client.GetStream();
                await stream.WriteAsync("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n"u8.ToArray(), cancellationToken);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException or IOException)
        {
            // Stopped.
        }
    }
}
