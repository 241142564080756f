// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

using System.Diagnostics;
using KvpDaemon.HostSimulator.Daemon;
using KvpDaemon.IntegrationTests.Cli;
using KvpDaemon.IntegrationTests.Hosting;
using KvpDaemon.IntegrationTests.Infrastructure;
using KvpDaemon.IntegrationTests.Packaging;
using KvpDaemon.IntegrationTests.Reliability;
using KvpDaemon.Platform;
using KvpDaemon.Protocol;

namespace KvpDaemon.IntegrationTests.Hardening;

/// <summary>
/// The attacks of issue #12 against the real daemon and a simulated kernel: locks held by a local user, links planted
/// at the pool paths, a flood of malformed requests, keys that would forge log lines (docs/reliability.md).
/// </summary>
public sealed class LocalAttackTests
{
    /// <summary>Well inside the 30 s the lock is held, and the simulator's own guard: only an unbounded wait fails it.</summary>
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(10);

    [UnprivilegedFact("flock")]
    public async Task SharedFlockByAnUnprivilegedUser_SetFailsWithinTheBound_AndOtherPoolsAnswer()
    {
        await using var session = await FaultSessions.StartQuietAsync("linux");
        File.SetUnixFileMode(session.Directory, (UnixFileMode)0b111_101_101);
        using var holder = LocalUser.Run("flock", "-s", session.PoolFile(1), "sh", "-c", "echo locked; exec sleep 30");
        await holder.WaitStartedAsync();

        var watch = Stopwatch.StartNew();
        var set = await session.SendAsync(new KvpSetRequest(1, "k", "v"));
        var setTime = watch.Elapsed;
        watch.Restart();
        var otherPool = await session.SendAsync(new KvpSetRequest(0, "k", "v"));
        var get = await session.SendAsync(new KvpGetRequest(1, "missing"));
        var otherTime = watch.Elapsed;

        set.Should().Be(KvpStatusReply.Fail);
        setTime.Should().BeLessThan(Bound, "the lock wait ends after 2 s, not when the user lets go after 30 s");
        otherPool.Should().Be(KvpStatusReply.Ok);
        get.Should().Be(KvpStatusReply.Continue, "a read takes no flock, so a reader's flock cannot stall it");
        otherTime.Should().BeLessThan(Bound);
        session.Count(line => line.Contains("is locked by another process (flock); gave up after 2 s", StringComparison.Ordinal))
            .Should().Be(1);
    }

    [Fact]
    public async Task FcntlReadLockHeldElsewhere_GetAnswers_AndSetFailsWithinTheBound()
    {
        await using var session = await FaultSessions.StartQuietAsync("linux");
        (await session.SendAsync(new KvpSetRequest(1, "k", "v"))).Should().Be(KvpStatusReply.Ok);

        // What `lockf`-style readers hold: a read lock on a read-only descriptor (an OFD lock, from another process).
        var dialect = KvpDialect.ForCurrentOperatingSystem();
        using var reader = dialect.OpenReadOnly(session.PoolFile(1));
        dialect.TryLockRecords(reader, exclusive: false).Should().BeTrue();

        var watch = Stopwatch.StartNew();
        var get = await session.SendAsync(new KvpGetRequest(1, "k"));
        var enumerate = await session.SendAsync(new KvpEnumerateRequest(1, 0));
        var set = await session.SendAsync(new KvpSetRequest(1, "k", "new"));

        get.Should().Be(new KvpGetReply("v"));
        enumerate.Should().Be(new KvpEnumerateReply("k", "v"));
        set.Should().Be(KvpStatusReply.Fail);
        watch.Elapsed.Should().BeLessThan(Bound);
    }

    [Fact]
    public async Task SymbolicLinkAtAPoolPath_HostSetAndHvkvpSetAreRefused_AndTheTargetIsUntouched()
    {
        await using var session = await FaultSessions.StartQuietAsync("linux");
        var target = Path.Combine(session.Directory, "precious");
        File.WriteAllText(target, "precious\n");
        File.Delete(session.PoolFile(1));
        File.CreateSymbolicLink(session.PoolFile(1), target);

        var set = await session.SendAsync(new KvpSetRequest(1, "k", "v"));
        var cli = await HvkvpProcess.RunAsync("--pool-dir", session.PoolDirectory, "set", "--pool", "1", "k", "v");

        set.Should().Be(KvpStatusReply.Fail);
        cli.ExitCode.Should().Be(3);
        cli.Error.Should().Contain($"refused pool 1 file {session.PoolFile(1)}: it is a symbolic link");
        File.ReadAllText(target).Should().Be("precious\n");
        session.Count(line => line.Contains("it is a symbolic link", StringComparison.Ordinal)).Should().BeGreaterThan(0);
        (await session.SendAsync(new KvpSetRequest(0, "k", "v"))).Should().Be(KvpStatusReply.Ok);
    }

    [Fact]
    public async Task HardLinkAtAPoolPath_HostSetIsRefused_AndTheTargetIsUntouched()
    {
        await using var session = await FaultSessions.StartQuietAsync("linux");
        var target = Path.Combine(session.Directory, "precious");
        File.WriteAllText(target, "precious\n");
        File.Delete(session.PoolFile(3));
        PackagingTools.Run("ln", [target, session.PoolFile(3)], TimeSpan.FromSeconds(30)).ExitCode.Should().Be(0);

        var set = await session.SendAsync(new KvpSetRequest(3, "k", "v"));
        var delete = await session.SendAsync(new KvpDeleteRequest(3, "k"));

        set.Should().Be(KvpStatusReply.Fail);
        delete.Should().Be(KvpStatusReply.Fail);
        File.ReadAllText(target).Should().Be("precious\n");
    }

    [Fact]
    public async Task TwentyThousandMalformedRequests_LogABoundedNumberOfLines()
    {
        await using var session = await FaultSessions.StartQuietAsync("linux");

        // The daemon's own start-up lines come after the registration the session waited for (the registration line,
        // the OS items read in the background): the flood's count starts once both are there, not by luck.
        await session.WaitForLineAsync(line => line.Contains("Registered with", StringComparison.Ordinal));
        await session.WaitForLineAsync(line => line.Contains("OS items", StringComparison.Ordinal));
        var before = session.Daemon.Log.Snapshot().Count + session.Daemon.Log.Dropped;

        for (var i = 0; i < 10_000; i++)
        {
            (await session.SendAsync(new KvpGetRequest(9, "k"))).Should().Be(KvpStatusReply.Continue);
            (await session.SendAsync(new KvpUnknownRequest(0, 42))).Should().Be(new KvpStatusReply(HvStatus.HV_ERROR_NOT_SUPPORTED));
        }

        // A round trip after the flood: every line the flood caused has been written by the time it is answered.
        (await session.SendAsync(new KvpGetRequest(0, "k"))).Should().Be(KvpStatusReply.Continue);
        var snapshot = session.Daemon.Log.Snapshot();
        var lines = snapshot.Count + session.Daemon.Log.Dropped - before;
        lines.Should().BeLessThanOrEqualTo(
            2 * 11, "10 lines a minute per kind, and one summary each; the last lines were:\n{0}", string.Join('\n', snapshot.TakeLast(40)));
        session.Count(line => line.Contains("pool 9", StringComparison.Ordinal)).Should().BeGreaterThan(0);
    }

    [Fact]
    public async Task DebugLog_KeyWithNewlineAndEscape_IsOneEscapedLine()
    {
        await using var session = await DaemonSession.StartAsync(
            Sessions.Abi("linux"),
            new DaemonProcessOptions { Debug = true },
            Sessions.RegistrationTimeout,
            CancellationToken.None);
        const string key = "evil\n2026-12-03 08:43:01.002 [ERR] forged line\u001b[2J";

        (await session.SendAsync(new KvpSetRequest(1, key, "v"))).Should().Be(KvpStatusReply.Ok);
        (await session.SendAsync(new KvpGetRequest(0, "round trip"))).Should().Be(KvpStatusReply.Continue);

        var log = session.Daemon.Log.Snapshot();
        log.Should().Contain(line => line.Contains(@"key evil\n2026-12-03 08:43:01.002 [ERR] forged line\x1b[2J added", StringComparison.Ordinal));
        log.Should().NotContain(line => line.StartsWith("2026-12-03 08:43:01.002 [ERR] forged", StringComparison.Ordinal));
        log.Should().NotContain(line => line.Contains('\u001b', StringComparison.Ordinal));
    }
}
