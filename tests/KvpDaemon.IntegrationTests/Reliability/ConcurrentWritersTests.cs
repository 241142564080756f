// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

using System.Diagnostics;
using KvpDaemon.HostSimulator.Daemon;
using KvpDaemon.HostSimulator.Demo;
using KvpDaemon.IntegrationTests.Infrastructure;
using KvpDaemon.Protocol;
using Xunit.Abstractions;

namespace KvpDaemon.IntegrationTests.Reliability;

/// <summary>
/// Three writers on pool 1 at once: the host (SET and DELETE through the daemon), a cloud-init-like appender
/// (<c>flock -x FILE sh -c 'cat RECORD &gt;&gt; FILE'</c> in a shell loop, docs/protocol.md 7 "External writers") and the
/// <c>hvkvp set</c> CLI. Every record a writer was told succeeded is there exactly once, with its value.
/// </summary>
public sealed class ConcurrentWritersTests(ITestOutputHelper output)
{
    /// <summary>Each external writer writes at least this many records, so the test never depends on the load.</summary>
    private const int MinimumPerWriter = 3;

    [Fact]
    public Task ThreeWriters_5Seconds_EverySuccessfulWriteIsThereOnce() => RunAsync(TimeSpan.FromSeconds(5), seed: 6_301);

    [LongFact]
    public Task ThreeWriters_60Seconds_EverySuccessfulWriteIsThereOnce() => RunAsync(TimeSpan.FromSeconds(60), seed: 6_302);

    private async Task RunAsync(TimeSpan duration, int seed)
    {
        await using var session = await FaultSessions.StartQuietAsync("linux");
        var pool = session.PoolFile(1);
        var work = Directory.CreateTempSubdirectory("kvpd-writers-").FullName;
        try
        {
            // Enough records for the appender's pace (at most 100 a second), written before the clock starts.
            var prepared = await PrepareRecordsAsync(work, (int)duration.TotalSeconds * 100);
            using var stop = new CancellationTokenSource(duration);
            var appender = RunAppenderAsync(pool, work, prepared, stop.Token);
            var cli = RunCliAsync(session.PoolDirectory, stop.Token);
            var host = await RunHostAsync(session, new Random(seed), stop.Token);
            var appended = await appender;
            var cliKeys = await cli;

            output.WriteLine(
                $"{duration.TotalSeconds:0} s: host {host.Operations} operations ({host.Present.Count} keys left, {host.Deleted.Count} deleted), " +
                $"cloud-init-like appender {appended.Count} records, hvkvp {cliKeys.Count} sets");
            session.Daemon.HasExited.Should().BeFalse();

            var image = PoolImage.Read(pool);
            image.Defects.Should().BeEmpty();
            image.DuplicateKeys().Should().BeEmpty("the daemon deletes only its own keys and every writer's keys are unique");
            var records = image.Records.ToDictionary(record => record.Key, record => record.Value, StringComparer.Ordinal);
            host.Present.Where(pair => !records.TryGetValue(pair.Key, out var value) || value != pair.Value).Should().BeEmpty();
            host.Deleted.Where(records.ContainsKey).Should().BeEmpty();
            appended.Where(pair => !records.TryGetValue(pair.Key, out var value) || value != pair.Value).Should().BeEmpty();
            cliKeys.Where(pair => !records.TryGetValue(pair.Key, out var value) || value != pair.Value).Should().BeEmpty();
            records.Count.Should().Be(host.Present.Count + appended.Count + cliKeys.Count, "nothing else is in the file");
            appended.Should().NotBeEmpty();
            cliKeys.Should().NotBeEmpty();

            // The daemon serves the same records in file order.
            using var guard = new CancellationTokenSource(TimeSpan.FromMinutes(2));
            var served = await session.Simulator.EnumerateAllAsync(1, guard.Token);
            served.Select(item => (item.Key.ToString(), item.Value.ToString())).Should().Equal(image.Records);
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    /// <summary>SETs (new keys and modifications) and DELETEs of the host's own keys until stopped.</summary>
    private static async Task<HostResult> RunHostAsync(DaemonSession session, Random random, CancellationToken stop)
    {
        var present = new Dictionary<string, string>(StringComparer.Ordinal);
        var deleted = new HashSet<string>(StringComparer.Ordinal);
        var operations = 0;
        var next = 0;
        while (!stop.IsCancellationRequested)
        {
            operations++;
            var choice = random.Next(10);
            if (choice < 2 && present.Count > 0)
            {
                var key = present.Keys.ElementAt(random.Next(present.Count));
                (await session.SendAsync(new KvpDeleteRequest(1, key))).Should().Be(KvpStatusReply.Ok, key);
                present.Remove(key);
                deleted.Add(key);
            }
            else if (choice < 4 && present.Count > 0)
            {
                var key = present.Keys.ElementAt(random.Next(present.Count));
                var value = $"modified {operations}";
                (await session.SendAsync(new KvpSetRequest(1, key, value))).Should().Be(KvpStatusReply.Ok, key);
                present[key] = value;
            }
            else
            {
                var key = $"host-{next++:D6}";
                var value = $"host value {operations} " + new string('h', random.Next(0, 1500));
                (await session.SendAsync(new KvpSetRequest(1, key, value))).Should().Be(KvpStatusReply.Ok, key);
                present[key] = value;
                deleted.Remove(key);
            }
        }

        return new HostResult(operations, present, deleted);
    }

    /// <summary>Record files 0.rec, 1.rec, ... in <paramref name="work"/>, with cloud-init-like unique keys.</summary>
    private static async Task<Dictionary<int, (string Key, string Value)>> PrepareRecordsAsync(string work, int count)
    {
        var records = new Dictionary<int, (string Key, string Value)>();
        for (var i = 0; i < count; i++)
        {
            var record = ($"CLOUD_INIT|1|diagnostic|reliability|{Guid.NewGuid()}|{i}", $"{{\"n\":{i},\"msg\":\"appended under flock\"}}");
            records[i] = record;
            await File.WriteAllBytesAsync(Path.Combine(work, $"{i}.rec"), PoolRecordAppender.EncodeRecord(record.Item1, record.Item2), CancellationToken.None);
        }

        return records;
    }

    /// <summary>
    /// One shell process appending the prepared records under flock(1) until stopped, and at least
    /// <see cref="MinimumPerWriter"/> of them whatever the load; it prints each record's number once its append
    /// succeeded, so only those count as told-succeeded.
    /// </summary>
    private static async Task<Dictionary<string, string>> RunAppenderAsync(
        string pool, string work, Dictionary<int, (string Key, string Value)> records, CancellationToken stop)
    {
        var stopFile = Path.Combine(work, "stop");
        const string Script = """
            i=0
            while [ "$i" -lt "$3" ] && { [ "$i" -lt "$4" ] || [ ! -e "$2/stop" ]; }; do
              flock -x "$1" sh -c 'cat "$1" >> "$2"' sh "$2/$i.rec" "$1" && echo "$i"
              i=$((i + 1))
              sleep 0.01
            done
            """;
        var startInfo = new ProcessStartInfo("sh") { RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var argument in new[] { "-c", Script, "appender", pool, work, Number(records.Count), Number(MinimumPerWriter) })
        {
            startInfo.ArgumentList.Add(argument);
        }

        using var process = Process.Start(startInfo)!;
        var lines = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
        try
        {
            await Task.Delay(Timeout.Infinite, stop);
        }
        catch (OperationCanceledException)
        {
            // The duration is over.
        }

        await File.WriteAllTextAsync(stopFile, string.Empty, CancellationToken.None);
        using var guard = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(guard.Token);
        process.ExitCode.Should().Be(0);
        return (await lines).Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => records[int.Parse(line, System.Globalization.CultureInfo.InvariantCulture)])
            .ToDictionary(record => record.Key, record => record.Value, StringComparer.Ordinal);
    }

    /// <summary>
    /// <c>hvkvp set cli-N VALUE</c> one process after another until stopped (and at least <see cref="MinimumPerWriter"/>
    /// times); exit status 0 is success.
    /// </summary>
    private static async Task<Dictionary<string, string>> RunCliAsync(string poolDirectory, CancellationToken stop)
    {
        var succeeded = new Dictionary<string, string>(StringComparer.Ordinal);
        var hvkvp = Path.Combine(AppContext.BaseDirectory, "hvkvp");
        for (var i = 0; i < MinimumPerWriter || !stop.IsCancellationRequested; i++)
        {
            var key = $"cli-{i:D4}";
            var value = $"set by hvkvp #{i}";
            var startInfo = DaemonCommand.StartInfo(["--pool-dir", poolDirectory, "set", key, value]);
            startInfo.FileName = hvkvp;
            using var process = Process.Start(startInfo)!;
            var error = process.StandardError.ReadToEndAsync(CancellationToken.None);
            _ = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
            using var guard = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            await process.WaitForExitAsync(guard.Token);
            process.ExitCode.Should().Be(0, await error);
            succeeded[key] = value;
        }

        return succeeded;
    }

    private static string Number(int value) => value.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private sealed record HostResult(int Operations, Dictionary<string, string> Present, HashSet<string> Deleted);
}
