// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

using KvpDaemon.HostSimulator.Daemon;
using KvpDaemon.IntegrationTests.FirstHour;
using KvpDaemon.IntegrationTests.Infrastructure;
using KvpDaemon.Protocol;

namespace KvpDaemon.IntegrationTests.Cli;

/// <summary>
/// The hvkvp executable on the pool files of a running daemon while the (simulated) host uses them: what one side
/// writes, the other reads. Tests of this class run one after another on one daemon, each with its own keys.
/// </summary>
public sealed class HvkvpSharedPoolTests : IClassFixture<DaemonSessionFixture>
{
    private readonly DaemonSession _session;

    public HvkvpSharedPoolTests(DaemonSessionFixture fixture)
    {
        _session = fixture.Session;
    }

    [Fact]
    public async Task Get_KeyTheHostSetInPool0_PrintsItsValue()
    {
        (await _session.SendAsync(new KvpSetRequest(0, "cli-get", "from the host"))).Should().Be(KvpStatusReply.Ok);

        var result = await Hvkvp("get", "cli-get");

        result.Should().Be(new ProgramRun.Result(0, "from the host\n", string.Empty));
    }

    [Fact]
    public async Task Set_DefaultGuestPool_HostEnumeratesTheItem()
    {
        var result = await Hvkvp("set", "cli-set", "from the guest");
        var enumeration = await _session.Simulator.EnumerateWithStatusAsync(1, CancellationToken.None);

        result.ExitCode.Should().Be(0, result.Error);
        enumeration.Items.Select(item => (item.Key.ToString(), item.Value.ToString()))
            .Should().Contain(("cli-set", "from the guest"));
    }

    [Fact]
    public async Task Delete_KeyInGuestPool_HostNoLongerFindsIt()
    {
        (await Hvkvp("set", "cli-delete", "doomed")).ExitCode.Should().Be(0);
        (await _session.SendAsync(new KvpGetRequest(1, "cli-delete"))).Should().Be(new KvpGetReply("doomed"));

        var deleted = await Hvkvp("delete", "cli-delete");

        deleted.ExitCode.Should().Be(0, deleted.Error);
        (await _session.SendAsync(new KvpGetRequest(1, "cli-delete"))).Should().Be(KvpStatusReply.Continue, "the key is gone");
        (await Hvkvp("get", "--pool", "guest", "cli-delete")).ExitCode.Should().Be(1);
    }

    [Fact]
    public async Task Wait_HostSetsTheKeyAfterwards_PrintsTheValueAndExits0()
    {
        // Whether the SET lands before or after wait arms its watcher, wait prints the value: it also accepts a key
        // that is there already.
        using var wait = HvkvpProcess.Start("--pool-dir", _session.PoolDirectory, "wait", "cli-wait", "--timeout", "30");
        (await _session.SendAsync(new KvpSetRequest(0, "cli-wait", "waited for"))).Should().Be(KvpStatusReply.Ok);

        var result = await HvkvpProcess.CompleteAsync(wait);

        result.Should().Be(new ProgramRun.Result(0, "waited for\n", string.Empty));
    }

    [Fact]
    public async Task WatchJson_HostSetsAKey_PrintsAnAddedEventThenStopsWith0OnSigterm()
    {
        using var watch = HvkvpProcess.Start("--pool-dir", _session.PoolDirectory, "watch", "--json");
        using var guard = new CancellationTokenSource(HvkvpProcess.Guard);
        var firstLine = watch.StandardOutput.ReadLineAsync(guard.Token).AsTask();

        // Keys set before watch has read the pool are part of its starting state, not events: set new keys until one
        // is reported. The loop ends on the first line; the guard only bounds a hang.
        var set = new Dictionary<string, string>();
        for (var i = 0; !firstLine.IsCompleted && !guard.IsCancellationRequested; i++)
        {
            var key = $"cli-watch-{i}";
            set[key] = $"value {i}";
            (await _session.SendAsync(new KvpSetRequest(0, key, set[key]))).Should().Be(KvpStatusReply.Ok);
            await Task.WhenAny(firstLine, Task.Delay(TimeSpan.FromMilliseconds(200), CancellationToken.None));
        }

        var line = await firstLine;
        Interop.Libc.Kill(watch.Id, Interop.Libc.SIGTERM).Should().Be(0);
        var result = await HvkvpProcess.CompleteAsync(watch);

        line.Should().NotBeNull();
        set.Select(pair => $$"""{"event":"added","pool":0,"key":"{{pair.Key}}","value":"{{pair.Value}}"}""")
            .Should().Contain(line);
        result.ExitCode.Should().Be(0, result.Error);
    }

    [Fact]
    public async Task Set_KeyOf512Bytes_Exits2WithTheLimit()
    {
        var result = await Hvkvp("set", new string('k', 512), "v");

        result.ExitCode.Should().Be(2);
        result.Output.Should().BeEmpty();
        result.Error.Should().Contain("512 UTF-8 bytes").And.Contain("at most 511");
    }

    [Fact]
    public async Task Get_MissingPoolDirectory_Exits3()
    {
        var missing = Path.Combine(_session.Directory, "no-such-pools");

        var result = await HvkvpProcess.RunAsync("--pool-dir", missing, "get", "anything");

        result.ExitCode.Should().Be(3);
        result.Error.Should().Contain(missing).And.Contain("does not exist");
    }

    private Task<ProgramRun.Result> Hvkvp(params string[] arguments) =>
        HvkvpProcess.RunAsync(["--pool-dir", _session.PoolDirectory, .. arguments]);
}
