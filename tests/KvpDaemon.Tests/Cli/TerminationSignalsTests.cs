// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

using System.Runtime.InteropServices;
using KvpDaemon.Cli;

namespace KvpDaemon.Tests.Cli;

/// <summary>
/// hvkvp's signal handling, driven by calling the handler as the runtime would. The real registration is exercised by
/// the integration tests that send SIGTERM to hvkvp watch and wait.
/// </summary>
public sealed class TerminationSignalsTests
{
    // Only the forced-exit tests wait this long, and only because their command never returns.
    private static readonly TimeSpan ShortGrace = TimeSpan.FromMilliseconds(20);

    [Fact]
    public async Task RunAsync_NoSignal_ReturnsTheCommandsStatusWithTheTokenUncancelled()
    {
        using var signals = TerminationSignals.ForTest(ShortGrace);
        var sawCancellation = true;

        var status = await signals.RunAsync(token =>
        {
            sawCancellation = token.IsCancellationRequested;
            return Task.FromResult(4);
        });

        status.Should().Be(4);
        sawCancellation.Should().BeFalse();
    }

    [Theory]
    [InlineData(PosixSignal.SIGINT)]
    [InlineData(PosixSignal.SIGTERM)]
    public async Task OnSignal_CommandHonoursTheToken_ReturnsTheCommandsStatusAndStopsTheDefaultAction(PosixSignal signal)
    {
        using var signals = TerminationSignals.ForTest(TimeSpan.FromMinutes(5));
        var context = new PosixSignalContext(signal);

        var run = signals.RunAsync(async token =>
        {
            await Task.Delay(Timeout.Infinite, token).ContinueWith(_ => { }, TaskScheduler.Default);
            return 0;
        });
        signals.OnSignal(context);

        (await run).Should().Be(0, "watch ends with 0 when it is stopped");
        context.Cancel.Should().BeTrue("the runtime must not terminate the process itself");
        signals.Token.IsCancellationRequested.Should().BeTrue();
    }

    [Theory]
    [InlineData(PosixSignal.SIGINT, 130)]
    [InlineData(PosixSignal.SIGTERM, 143)]
    public async Task OnSignal_CommandIgnoresTheToken_Returns128PlusTheSignalAfterTheGracePeriod(PosixSignal signal, int expected)
    {
        using var signals = TerminationSignals.ForTest(ShortGrace);
        var never = new TaskCompletionSource<int>();

        var run = signals.RunAsync(_ => never.Task);
        signals.OnSignal(new PosixSignalContext(signal));

        (await run).Should().Be(expected);
        never.Task.IsCompleted.Should().BeFalse();
    }

    [Fact]
    public async Task OnSignal_SecondSignal_EndsAtOnceWithItsStatus()
    {
        // A grace period no test waits for: only the second signal can end the run.
        using var signals = TerminationSignals.ForTest(TimeSpan.FromMinutes(5));
        var never = new TaskCompletionSource<int>();
        var second = new PosixSignalContext(PosixSignal.SIGINT);

        var run = signals.RunAsync(_ => never.Task);
        signals.OnSignal(new PosixSignalContext(PosixSignal.SIGTERM));
        signals.OnSignal(second);

        (await run).Should().Be(130);
        second.Cancel.Should().BeTrue("the runtime must not terminate the process itself");
    }

    [Fact]
    public async Task OnSignal_CommandBlocksBeforeItsFirstAwait_StillReturnsTheForcedStatus()
    {
        // set waiting for a pool lock, or the password prompt: the work happens before the command returns a task.
        using var signals = TerminationSignals.ForTest(ShortGrace);
        using var release = new ManualResetEventSlim();

        // Called from the pool, so that a RunAsync that ran the command on its caller's thread fails the guard instead
        // of blocking this test.
        var run = Task.Run(() => signals.RunAsync(_ =>
        {
            release.Wait(CancellationToken.None);
            return Task.FromResult(0);
        }));
        signals.OnSignal(new PosixSignalContext(PosixSignal.SIGTERM));

        (await run.WaitAsync(TimeSpan.FromSeconds(30))).Should().Be(143);
        release.Set();
    }

    [Fact]
    public void OnSignal_AfterDispose_DoesNotThrow()
    {
        // The runtime may have dispatched a handler just before the registrations were disposed.
        var signals = TerminationSignals.ForTest(ShortGrace);
        signals.Dispose();

        signals.Invoking(s => s.OnSignal(new PosixSignalContext(PosixSignal.SIGTERM))).Should().NotThrow();
    }

    [Fact]
    public async Task OnSignal_BeforeTheCommandStarts_TheCommandStartsCancelled()
    {
        using var signals = TerminationSignals.ForTest(TimeSpan.FromMinutes(5));
        signals.OnSignal(new PosixSignalContext(PosixSignal.SIGTERM));

        var status = await signals.RunAsync(token => Task.FromResult(token.IsCancellationRequested ? 0 : 1));

        status.Should().Be(0);
    }
}
