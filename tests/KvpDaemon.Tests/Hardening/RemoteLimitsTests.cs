// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

using System.Net;
using System.Text;
using KvpDaemon.Remote;
using KvpDaemon.Tests.Cli;
using KvpDaemon.Tests.Infrastructure;
using KvpDaemon.Tests.Remote;

namespace KvpDaemon.Tests.Hardening;

/// <summary>
/// <c>hvkvp remote</c> against a hostile or broken server: no DTD is processed, a response body is capped at 4 MiB and
/// an enumeration at 1,000 Pull rounds, each with a clear error; bad input is a usage error; Basic over HTTP warns.
/// </summary>
[Collection(AllocationMeasuringCollection.Name)]
public sealed class RemoteLimitsTests
{
    private const string Envelope = """<s:Envelope xmlns:s="http://www.w3.org/2003/05/soap-envelope"><s:Body/></s:Envelope>""";

    private static readonly Uri Endpoint = new("https://hv01.example.org:5986/wsman");

    [Fact]
    public void Body_WithADtd_IsRefusedWithoutExpandingIt()
    {
        // A billion-laughs style internal subset: refused before any entity is defined, let alone expanded.
        const string hostile = """
            <?xml version="1.0"?>
            <!DOCTYPE s:Envelope [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>
            <s:Envelope xmlns:s="http://www.w3.org/2003/05/soap-envelope"><s:Body>&b;</s:Body></s:Envelope>
            """;

        var parse = () => WsManResponses.Body(hostile);

        parse.Should().Throw<WsManException>().WithMessage("The response contains a DTD, which WS-Management never sends; refused it.");
    }

    [Fact]
    public void Body_WithAnExternalEntity_IsRefused()
    {
        const string hostile = """<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><s:Envelope xmlns:s="http://www.w3.org/2003/05/soap-envelope"><s:Body>&e;</s:Body></s:Envelope>""";

        var parse = () => WsManResponses.Body(hostile);

        parse.Should().Throw<WsManException>().WithMessage("*DTD*");
    }

    [Fact]
    public async Task Send_ServerStreams200MB_StopsAt4MiBWithAClearError()
    {
        using var server = new LoopbackServer(async response => await StreamAsync(response, 200L * 1024 * 1024, chunked: true));
        using var client = new WsManClient(server.Endpoint, "u", "p", new SocketsHttpHandler(), TimeSpan.FromSeconds(60));
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);

        var enumerate = () => client.EnumerateAsync("Msvm_ComputerSystem", "SELECT * FROM Msvm_ComputerSystem", CancellationToken.None);

        (await enumerate.Should().ThrowAsync<WsManException>())
            .WithMessage($"The response from {server.Endpoint} is larger than 4 MiB; refused it.");
        (GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore).Should().BeLessThan(64L * 1024 * 1024);
    }

    [Fact]
    public async Task Send_ContentLengthOver4MiB_IsRefusedBeforeTheBodyIsRead()
    {
        using var server = new LoopbackServer(async response => await StreamAsync(response, 200L * 1024 * 1024, chunked: false));
        using var client = new WsManClient(server.Endpoint, "u", "p", new SocketsHttpHandler(), TimeSpan.FromSeconds(60));

        var enumerate = () => client.EnumerateAsync("Msvm_ComputerSystem", "SELECT * FROM Msvm_ComputerSystem", CancellationToken.None);

        (await enumerate.Should().ThrowAsync<WsManException>()).WithMessage("*larger than 4 MiB*");
    }

    [Fact]
    public async Task Enumerate_ServerNeverEndsTheSequence_GivesUpAfterTheRoundCap()
    {
        var winRm = new FakeWinRm().RespondWithSample("enumerate_response.xml");
        var endless = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Samples", "Remote", "pull_response_vm.xml"))
            .Replace("<n:EndOfSequence/>", "<n:EnumerationContext>uuid:again</n:EnumerationContext>", StringComparison.Ordinal);
        for (var i = 0; i < WsManClient.MaxPullRounds + 1; i++)
        {
            winRm.Respond(endless);
        }

        using var client = new WsManClient(Endpoint, "u", "p", winRm, TimeSpan.FromSeconds(60));

        var enumerate = () => client.EnumerateAsync("Msvm_ComputerSystem", "SELECT * FROM Msvm_ComputerSystem", CancellationToken.None);

        (await enumerate.Should().ThrowAsync<WsManException>())
            .WithMessage("*did not end the enumeration of Msvm_ComputerSystem after 1000 Pull requests (1000 items); gave up.");
        winRm.Requests.Should().HaveCount(1 + WsManClient.MaxPullRounds);
    }

    [Fact]
    public async Task Send_SmallAnswer_StillWorksThroughTheCap()
    {
        var requests = 0;
        using var server = new LoopbackServer(async response =>
        {
            var sample = Interlocked.Increment(ref requests) == 1 ? "enumerate_response.xml" : "pull_response_vm.xml";
            var bytes = Encoding.UTF8.GetBytes(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Samples", "Remote", sample)));
            response.ContentType = "application/soap+xml;charset=UTF-8";
            response.ContentLength64 = bytes.Length;
            await response.OutputStream.WriteAsync(bytes);
        });
        using var client = new WsManClient(server.Endpoint, "u", "p", new SocketsHttpHandler(), TimeSpan.FromSeconds(60));
        var hyperV = new HyperVKvpClient(client);

        var vms = await hyperV.ListVmsAsync(CancellationToken.None);

        vms.Should().ContainSingle().Which.Name.Should().Be("web01");
    }

    [Theory]
    [InlineData("upsert", "vm\u0001x", "k", "v", "VM", "U+0001")]
    [InlineData("upsert", "vm", "a\u0001b", "v", "KEY", "U+0001")]
    [InlineData("add", "vm", "k", "line\nbreak", "VALUE", "U+000A")]
    [InlineData("modify", "vm", "k", "esc\u001b[31m", "VALUE", "U+001B")]
    public void Remote_ControlCharacter_IsAUsageError(string command, string vm, string key, string value, string argument, string character)
    {
        using var harness = new HvkvpHarness();

        var result = harness.Run("remote", "hyperv://h/", command, vm, key, value);

        result.ExitCode.Should().Be(2);
        result.Error.Should().Be($"hvkvp: remote: the {argument} contains the control character {character}; names, keys and values sent to Hyper-V cannot hold control characters.\n");
    }

    [Fact]
    public void Remote_ControlCharacterInTheVmOfARead_IsAUsageError()
    {
        using var harness = new HvkvpHarness();

        var result = harness.Run("remote", "hyperv://h/", "vm", "a\tb", "guest");

        result.ExitCode.Should().Be(2);
        result.Error.Should().Contain("the VM contains the control character U+0009");
    }

    [Fact]
    public void Remote_KeyLongerThanARecordHolds_IsAUsageErrorLikeLocalSet()
    {
        using var harness = new HvkvpHarness();

        var key = harness.Run("remote", "hyperv://h/", "upsert", "vm", new string('k', 512), "v");
        var value = harness.Run("remote", "hyperv://h/", "add", "vm", "k", new string('v', 2048));
        var empty = harness.Run("remote", "hyperv://h/", "remove", "vm", string.Empty);

        key.ExitCode.Should().Be(2);
        key.Error.Should().Be("hvkvp: remote: the key is 512 UTF-8 bytes; a KVP key holds at most 511 (the pool record's 512-byte field less its NUL).\n");
        value.ExitCode.Should().Be(2);
        value.Error.Should().Contain("the value is 2048 UTF-8 bytes; a KVP value holds at most 2047");
        empty.ExitCode.Should().Be(2);
        empty.Error.Should().Contain("the key is empty");
    }

    [Fact]
    public void CleartextWarning_OnlyForTransportHttp()
    {
        HyperVUri.Parse("hyperv://admin@h/?transport=http").CleartextWarning.Should().Be(
            "transport=http sends the password for 'admin' to h unencrypted (Basic authentication); use https where you can.");
        HyperVUri.Parse("hyperv://h/").CleartextWarning.Should().BeNull();
    }

    [Fact]
    public void Remote_OverHttp_WarnsOnceAboutTheCleartextPassword()
    {
        using var server = new LoopbackServer(response =>
        {
            response.StatusCode = (int)HttpStatusCode.Unauthorized;
            return Task.CompletedTask;
        });
        using var harness = new HvkvpHarness();
        harness.Environment["HVKVP_PASSWORD"] = "pw";

        var result = harness.Run("remote", $"hyperv://admin@127.0.0.1:{server.Port}/?transport=http", "list-vms");

        result.Error.Split('\n').Should().ContainSingle(line => line.StartsWith("hvkvp: warning: transport=http sends the password for 'admin' to 127.0.0.1 unencrypted", StringComparison.Ordinal));
    }

    private static async Task StreamAsync(HttpListenerResponse response, long length, bool chunked)
    {
        response.ContentType = "application/soap+xml;charset=UTF-8";
        if (chunked)
        {
            response.SendChunked = true;
        }
        else
        {
            response.ContentLength64 = length;
        }

        var chunk = Encoding.ASCII.GetBytes(new string(' ', 64 * 1024));
        await response.OutputStream.WriteAsync(Encoding.ASCII.GetBytes(Envelope[..^"</s:Envelope>".Length]));
        for (long sent = 0; sent < length; sent += chunk.Length)
        {
            await response.OutputStream.WriteAsync(chunk);
        }
    }
}
