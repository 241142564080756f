// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

using System.Globalization;
using KvpDaemon.HostSimulator.Daemon;
using KvpDaemon.Protocol;

namespace KvpDaemon.HostSimulator.Bench;

/// <summary>
/// What an idle daemon costs: after a few requests and a settling pause, the CPU time it uses and how often its
/// threads are scheduled (context switches, each a wake-up) while the host sends nothing. Linux only: it reads
/// /proc/PID/stat and /proc/PID/task/*/status.
/// </summary>
internal static class IdleMeasurement
{
    /// <summary>
    /// Lets start-up work wind down before measuring: tiered compilation, and the thread-pool workers, which end after
    /// 20 s without work (each wakes once to end: a one-off after activity, not a periodic wake-up).
    /// </summary>
    public static readonly TimeSpan Settle = TimeSpan.FromSeconds(30);

    /// <summary>/proc/PID/stat reports CPU time in clock ticks; USER_HZ is 100 on every Linux ABI .NET runs on.</summary>
    private const double MillisecondsPerTick = 10;

    public static async Task<IdleResult> MeasureAsync(KvpAbi abi, DaemonProcessOptions options, TimeSpan duration, TimeSpan timeout, CancellationToken cancellationToken)
    {
        await using var session = await DaemonSession.StartAsync(abi, options, timeout, cancellationToken).ConfigureAwait(false);
        for (var i = 0; i < 100; i++)
        {
            await session.Simulator.SendAsync(new KvpSetRequest(0, "idle-" + i.ToString(CultureInfo.InvariantCulture), "x"), cancellationToken).ConfigureAwait(false);
            await session.Simulator.SendAsync(new KvpEnumerateRequest(2, (uint)(i % 10)), cancellationToken).ConfigureAwait(false);
        }

        await Task.Delay(Settle, cancellationToken).ConfigureAwait(false);
        var pid = session.Daemon.Pid;
        var (cpuBefore, threadsBefore) = Read(pid);
        await Task.Delay(duration, cancellationToken).ConfigureAwait(false);
        var (cpuAfter, threadsAfter) = Read(pid);

        // Per thread: a thread that ended in between took its counters along; it woke at least once to end.
        var switches = threadsAfter.Sum(thread => thread.Value - threadsBefore.GetValueOrDefault(thread.Key))
            + threadsBefore.Keys.Count(tid => !threadsAfter.ContainsKey(tid));
        return new IdleResult(duration, (cpuAfter - cpuBefore) * MillisecondsPerTick, switches);
    }

    /// <returns>The process's CPU ticks, and each thread's voluntary plus involuntary context switches.</returns>
    private static (long CpuTicks, Dictionary<string, long> ContextSwitches) Read(int pid)
    {
        // Fields 14 and 15 of /proc/PID/stat (utime, stime) follow the parenthesised command name, which may hold spaces.
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
        var switches = new Dictionary<string, long>();
        foreach (var task in Directory.EnumerateDirectories($"/proc/{pid}/task"))
        {
            switches[Path.GetFileName(task)] = File.ReadLines(Path.Combine(task, "status"))
                .Where(line => line.StartsWith("voluntary_ctxt_switches:", StringComparison.Ordinal) ||
                               line.StartsWith("nonvoluntary_ctxt_switches:", StringComparison.Ordinal))
                .Sum(line => long.Parse(line[(line.IndexOf(':') + 1)..].Trim(), CultureInfo.InvariantCulture));
        }

        return (ticks, switches);
    }
}

/// <summary>An idle daemon over <paramref name="Duration"/>: CPU milliseconds used and wake-ups of all its threads.</summary>
internal sealed record IdleResult(TimeSpan Duration, double CpuMilliseconds, long ContextSwitches)
{
    public override string ToString() => string.Create(
        CultureInfo.InvariantCulture,
        $"Idle {Duration.TotalSeconds:0} s after {IdleMeasurement.Settle.TotalSeconds:0} s settling: {CpuMilliseconds:0} ms CPU, {ContextSwitches} context switches ({ContextSwitches / Duration.TotalMinutes:0.#} per minute)");
}
