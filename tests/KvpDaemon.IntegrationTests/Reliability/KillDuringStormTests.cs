// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

using System.Diagnostics;
using KvpDaemon.HostSimulator.Simulation;
using KvpDaemon.IntegrationTests.Infrastructure;
using KvpDaemon.Protocol;
using Xunit.Abstractions;

namespace KvpDaemon.IntegrationTests.Reliability;

/// <summary>
/// SIGKILL of the daemon at random points of a SET storm on pool 1, restarting it on the same pool directory each
/// time: every acknowledged SET survives with its value and the file stays well formed (docs/reliability.md).
/// </summary>
public sealed class KillDuringStormTests(ITestOutputHelper output)
{
    [Fact]
    public Task SetStorm_Killed3TimesIn1000Sets_KeepsEveryAcknowledgedSet() => RunAsync(sets: 1_000, kills: 3, seed: 6_101);

    [LongFact]
    public Task SetStorm_Killed20TimesIn10000Sets_KeepsEveryAcknowledgedSet() => RunAsync(sets: 10_000, kills: 20, seed: 6_102);

    private async Task RunAsync(int sets, int kills, int seed)
    {
        var random = new Random(seed);
        var killPoints = new SortedSet<int>();
        while (killPoints.Count < kills)
        {
            killPoints.Add(random.Next(1, sets - 20));
        }

        using var pool = new TempPoolDirectory();
        var written = new Dictionary<string, string>(StringComparer.Ordinal);
        var acknowledged = new List<string>();
        var inFlight = new List<string>();
        var pending = new Queue<int>(killPoints);
        var stopwatch = Stopwatch.StartNew();
        var next = 0;
        while (next < sets)
        {
            await using var session = await FaultSessions.StartQuietAsync("linux", pool.Path);
            int? killAt = pending.Count > 0 ? pending.Dequeue() : null;
            var reached = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var pid = session.Daemon.Pid;

            // The kill comes from another thread at a moment the request loop does not choose: usually while a SET is
            // on its way or being written.
            // A random spin of up to about a millisecond moves the kill across the phases of a SET: reading it,
            // writing the record, sending the reply.
            var spin = random.Next(0, 200_000);
            var killer = killAt is null ? Task.CompletedTask : Task.Run(async () =>
            {
                await reached.Task;
                Thread.SpinWait(spin);
                using var daemon = Process.GetProcessById(pid);
                daemon.Kill();
            });
            for (; next < sets; next++)
            {
                var key = $"storm-{next:D5}";
                var value = $"value-{next}-" + new string((char)('a' + (next % 26)), random.Next(0, 2000));
                written[key] = value;
                if (next == killAt)
                {
                    reached.SetResult();
                }

                KvpReply reply;
                try
                {
                    reply = await session.SendAsync(new KvpSetRequest(1, key, value));
                }
                catch (KvpSimulatorException)
                {
                    // Killed: this SET may or may not be in the file. The next session starts with the next key.
                    inFlight.Add(key);
                    next++;
                    break;
                }

                reply.Should().Be(KvpStatusReply.Ok, session.DescribeDaemon());
                acknowledged.Add(key);
            }

            if (killAt is not null)
            {
                await killer.WaitAsync(TimeSpan.FromSeconds(30));
                using var guard = new CancellationTokenSource(TimeSpan.FromSeconds(30));
                await session.Daemon.WaitForExitAsync(guard.Token);
                session.Daemon.ExitCode.Should().Be(128 + 9, "SIGKILL ended it");
            }
        }

        // A last daemon on the same directory serves what the file holds.
        IReadOnlyList<KvpEnumerateReply> served;
        await using (var last = await FaultSessions.StartQuietAsync("linux", pool.Path))
        {
            using var guard = new CancellationTokenSource(TimeSpan.FromMinutes(5));
            served = await last.Simulator.EnumerateAllAsync(1, guard.Token);
        }

        output.WriteLine(
            $"{sets} SETs, {kills} kills, {acknowledged.Count} acknowledged, {inFlight.Count} in flight when killed, {stopwatch.Elapsed.TotalSeconds:0.0} s");
        var image = PoolImage.Read(Path.Combine(pool.Path, ".kvp_pool_1"));
        var present = image.Records.Select(record => record.Key).ToHashSet(StringComparer.Ordinal);
        output.WriteLine($"in-flight SETs present after the restart: {inFlight.Count(present.Contains)} of {inFlight.Count}");

        image.Defects.Should().BeEmpty();
        image.DuplicateKeys().Should().BeEmpty();
        image.Records.Where(record => !written.TryGetValue(record.Key, out var value) || value != record.Value)
            .Select(record => record.Key).Should().BeEmpty("every record is exactly one of the values written (no torn record)");
        acknowledged.Where(key => !present.Contains(key)).Should().BeEmpty("every acknowledged SET survives");
        image.Records.Count.Should().BeLessThanOrEqualTo(acknowledged.Count + inFlight.Count);
        served.Select(item => (item.Key.ToString(), item.Value.ToString())).Should().Equal(image.Records);
    }
}
