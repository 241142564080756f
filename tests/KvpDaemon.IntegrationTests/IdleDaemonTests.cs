// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

using System.Diagnostics;
using System.Globalization;
using KvpDaemon.IntegrationTests.Infrastructure;
using KvpDaemon.Protocol;

namespace KvpDaemon.IntegrationTests;

/// <summary>
/// An idle daemon arms no timer and nothing in the runtime wakes it: once the work is done, a quiet window longer than
/// any periodic wake-up the daemon has had (CoreCLR's finalizer thread waited 10 s at a time) comes and holds. A
/// thread wakes only by being scheduled, so the context-switch counts of all its threads (/proc/PID/task/TID/status)
/// stay the same over the window.
/// </summary>
public sealed class IdleDaemonTests
{
    private static readonly TimeSpan QuietWindow = TimeSpan.FromSeconds(12);

    /// <summary>Generous: thread-pool threads that retire after their idle timeout (20 s) are a last, one-off wake-up.</summary>
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(120);

    [Fact]
    public async Task AfterRequests_NoThreadWakesForAQuietWindow()
    {
        await using var session = await Sessions.StartAsync("linux");
        for (var i = 0; i < 50; i++)
        {
            (await session.SendAsync(new KvpSetRequest(0, "k" + i.ToString(CultureInfo.InvariantCulture), "v"))).Should().Be(KvpStatusReply.Ok);
        }

        var pid = session.Daemon.Pid;
        var deadline = Stopwatch.StartNew();
        var last = ContextSwitches(pid);
        var quietSince = Stopwatch.StartNew();
        while (quietSince.Elapsed < QuietWindow && deadline.Elapsed < Bound)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(500));
            var now = ContextSwitches(pid);
            if (now != last)
            {
                last = now;
                quietSince.Restart();
            }
        }

        quietSince.Elapsed.Should().BeGreaterThanOrEqualTo(QuietWindow, "no thread of the idle daemon should wake for {0}; last counts: {1}", QuietWindow, last);
    }

    /// <summary>Every thread's id and voluntary and involuntary switch counts: any change is a wake-up (or a thread gone).</summary>
    private static string ContextSwitches(int pid)
    {
        try
        {
            return string.Join(
                ' ',
                Directory.EnumerateDirectories($"/proc/{pid}/task").Order(StringComparer.Ordinal).Select(task =>
                {
                    var counts = File.ReadLines(Path.Combine(task, "status"))
                        .Where(line => line.Contains("ctxt_switches", StringComparison.Ordinal))
                        .Select(line => line.Split(':')[1].Trim());
                    return Path.GetFileName(task) + ":" + string.Join('/', counts);
                }).ToList());
        }
        catch (IOException)
        {
            // A thread ended while being read: that is activity too.
            return "a thread ended";
        }
    }
}
