// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

using KvpDaemon.HostSimulator.Demo;
using KvpDaemon.IntegrationTests.Infrastructure;
using KvpDaemon.Pools;
using KvpDaemon.Protocol;

namespace KvpDaemon.IntegrationTests.Cli;

/// <summary>
/// SIGTERM to a running hvkvp watch, at the earliest moment a script can know it is running: right after its first
/// line. No daemon: records are appended to the pool file as cloud-init appends them.
/// </summary>
public sealed class HvkvpSignalTests
{
    // Before hvkvp registered its handlers ahead of the command (TerminationSignals), a SIGTERM sent this soon met the
    // runtime's default action instead and exited 143: here in most of the 20 stops, every one of 3 runs failed. A
    // record every 5 ms is what makes the first event come early, when that window was open.
    private const int Stops = 20;
    private static readonly TimeSpan AppendInterval = TimeSpan.FromMilliseconds(5);

    [Fact]
    public async Task Watch_SigtermRightAfterTheFirstLine_Exits0EveryTime()
    {
        using var pools = new TempPoolDirectory();
        var poolFile = Path.Combine(pools.Path, KvpPoolStore.FileName(0));
        for (byte pool = 0; pool < KvpPools.KVP_POOL_COUNT; pool++)
        {
            await File.WriteAllBytesAsync(Path.Combine(pools.Path, KvpPoolStore.FileName(pool)), []);
        }

        var statuses = new List<int>();
        for (var stop = 0; stop < Stops; stop++)
        {
            using var watch = HvkvpProcess.Start("--pool-dir", pools.Path, "watch", "--json");
            using var guard = new CancellationTokenSource(HvkvpProcess.Guard);
            var firstLine = watch.StandardOutput.ReadLineAsync(guard.Token).AsTask();

            // A record appended before watch has read the pool is part of its starting state, not an event: append
            // until one is reported. The guard only bounds a hang.
            for (var i = 0; !firstLine.IsCompleted && !guard.IsCancellationRequested; i++)
            {
                PoolRecordAppender.Append(poolFile, $"stop-{stop}-{i}", "appended");
                await Task.WhenAny(firstLine, Task.Delay(AppendInterval, CancellationToken.None));
            }

            (await firstLine).Should().StartWith("""{"event":"added","pool":0,""");
            Interop.Libc.Kill(watch.Id, Interop.Libc.SIGTERM).Should().Be(0);
            statuses.Add((await HvkvpProcess.CompleteAsync(watch)).ExitCode);
        }

        statuses.Should().AllBeEquivalentTo(0, "SIGTERM is watch's normal way to stop");
    }
}
