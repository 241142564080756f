// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

using KvpDaemon.Cli;
using KvpDaemon.Pools;
using Microsoft.Extensions.Logging.Abstractions;

namespace KvpDaemon.Tests.Cli;

/// <summary>
/// watch and wait against another writer. Each test waits for the command to report that it follows the pool before
/// writing, and for each output line before the next write, so no step depends on timing; timeouts only guard.
/// </summary>
public sealed class HvkvpFollowTests : IDisposable
{
    private static readonly TimeSpan Guard = TimeSpan.FromSeconds(30);

    private readonly HvkvpHarness _hvkvp = new HvkvpHarness().WithPoolFiles();
    private readonly CancellationTokenSource _stop = new();

    public void Dispose()
    {
        _stop.Cancel();
        _stop.Dispose();
        _hvkvp.Dispose();
    }

    [Fact]
    public async Task Wait_KeyAlreadyPresent_PrintsItAtOnce()
    {
        _hvkvp.Writer[0].Set("Role", "web");

        var wait = _hvkvp.Start(_stop.Token, "wait", "Role");

        (await wait.Completion.WaitAsync(Guard)).Should().Be(ExitCodes.Success);
        wait.Output.ToString().Should().Be("web\n");
    }

    [Fact]
    public async Task Wait_KeyWrittenLater_BlocksUntilTheWriterSetsIt()
    {
        var wait = _hvkvp.Start(_stop.Token, "wait", "Role", "--json");
        await wait.Started.WaitAsync(Guard);
        wait.Completion.IsCompleted.Should().BeFalse("the key is not there yet");

        _hvkvp.Writer[0].Set("Other", "x");
        _hvkvp.Writer[0].Set("Role", "web");

        (await wait.Completion.WaitAsync(Guard)).Should().Be(ExitCodes.Success);
        wait.Output.ToString().Should().Be("{\"pool\":0,\"poolName\":\"external\",\"key\":\"Role\",\"value\":\"web\"}\n");
        wait.Error.ToString().Should().BeEmpty();
    }

    [Fact]
    public async Task Wait_PoolFileCreatedLater_SeesTheKey()
    {
        File.Delete(_hvkvp.PoolPath(3));
        var wait = _hvkvp.Start(_stop.Token, "wait", "--pool", "host", "HostName");
        await wait.Started.WaitAsync(Guard);

        using var writer = new KvpPoolStore(_hvkvp.PoolDirectory, _hvkvp.Dialect, NullLogger.Instance);
        writer[3].Set("HostName", "HV01");

        (await wait.Completion.WaitAsync(Guard)).Should().Be(ExitCodes.Success);
        wait.Output.ToString().Should().Be("HV01\n");
    }

    [Fact]
    public async Task Wait_Timeout_ExitsWithTimeoutStatus()
    {
        var wait = _hvkvp.Start(_stop.Token, "wait", "Never", "--timeout", "0.2");

        (await wait.Completion.WaitAsync(Guard)).Should().Be(ExitCodes.Timeout);
        wait.Output.ToString().Should().BeEmpty();
        wait.Error.ToString().Should().Be("hvkvp: 'Never' did not appear in pool 0 (external) within 0.2 s.\n");
    }

    [Fact]
    public async Task Wait_ZeroTimeout_ChecksOnce()
    {
        var wait = _hvkvp.Start(_stop.Token, "wait", "Never", "-t", "0");

        (await wait.Completion.WaitAsync(Guard)).Should().Be(ExitCodes.Timeout);
    }

    [Fact]
    public async Task Wait_NegativeTimeout_IsUsageError()
    {
        var wait = _hvkvp.Start(_stop.Token, "wait", "k", "--timeout", "-1");

        (await wait.Completion.WaitAsync(Guard)).Should().Be(ExitCodes.Usage);
    }

    [Fact]
    public async Task Wait_Cancelled_ExitsInterrupted()
    {
        var wait = _hvkvp.Start(_stop.Token, "wait", "Never");
        await wait.Started.WaitAsync(Guard);

        await _stop.CancelAsync();

        (await wait.Completion.WaitAsync(Guard)).Should().Be(ExitCodes.Interrupted);
    }

    [Fact]
    public void Wait_MissingPoolDirectory_FailsWithIoError()
    {
        var result = _hvkvp.RunWithoutPoolDirectory("--pool-dir", Path.Combine(_hvkvp.PoolDirectory, "absent"), "wait", "k", "-t", "0");

        result.ExitCode.Should().Be(ExitCodes.IoError);
    }

    [Fact]
    public async Task Watch_AnotherWriter_PrintsAddedChangedRemoved()
    {
        _hvkvp.Writer[1].Set("existing", "0");
        var watch = _hvkvp.Start(_stop.Token, "watch", "--pool", "guest");
        await watch.Started.WaitAsync(Guard);

        _hvkvp.Writer[1].Set("a", "1");
        (await watch.Output.NextLineAsync()).Should().Be("+ a=1");
        _hvkvp.Writer[1].Set("a", "two\nlines");
        (await watch.Output.NextLineAsync()).Should().Be("~ a=two\\nlines");
        _hvkvp.Writer[1].Delete("existing");
        (await watch.Output.NextLineAsync()).Should().Be("- existing");

        await _stop.CancelAsync();
        (await watch.Completion.WaitAsync(Guard)).Should().Be(ExitCodes.Success);
        watch.Output.ToString().Should().Be("+ a=1\n~ a=two\\nlines\n- existing\n", "an unchanged rewrite prints nothing");
        watch.Error.ToString().Should().BeEmpty();
    }

    [Fact]
    public async Task Watch_Json_PrintsOneEventObjectPerLine()
    {
        var watch = _hvkvp.Start(_stop.Token, "watch", "--json");
        await watch.Started.WaitAsync(Guard);

        _hvkvp.Writer[0].Set("k", "v");
        (await watch.Output.NextLineAsync()).Should().Be("{\"event\":\"added\",\"pool\":0,\"key\":\"k\",\"value\":\"v\"}");
        _hvkvp.Writer[0].Set("k", "w");
        (await watch.Output.NextLineAsync()).Should().Be("{\"event\":\"changed\",\"pool\":0,\"key\":\"k\",\"value\":\"w\"}");
        _hvkvp.Writer[0].Delete("k");
        (await watch.Output.NextLineAsync()).Should().Be("{\"event\":\"removed\",\"pool\":0,\"key\":\"k\"}");

        await _stop.CancelAsync();
        (await watch.Completion.WaitAsync(Guard)).Should().Be(ExitCodes.Success);
    }

    [Fact]
    public async Task Watch_OtherPoolChanges_PrintNothing()
    {
        var watch = _hvkvp.Start(_stop.Token, "watch");
        await watch.Started.WaitAsync(Guard);

        _hvkvp.Writer[1].Set("guest", "ignored");
        _hvkvp.Writer[0].Set("external", "seen");

        (await watch.Output.NextLineAsync()).Should().Be("+ external=seen");
    }
}
