// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

using System.Diagnostics;
using System.Globalization;
using KvpDaemon.IpConfig;
using KvpDaemon.Network;
using KvpDaemon.Tests.Infrastructure;

namespace KvpDaemon.Tests.Hardening;

/// <summary>
/// Helper programs (network scripts, IP configuration commands) run as real processes: their output is capped at
/// 64 KiB a stream, and a timeout kills their whole process group, including a child that forked twice.
/// </summary>
[Collection(AllocationMeasuringCollection.Name)]
public sealed class HelperProcessTests : IDisposable
{
    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public void Run_HelperPrints300MB_KeepsTheFirst64KiBAndAllocatesLittle()
    {
        // 300 MB of 'a' lines, as fast as the pipe takes them.
        var script = Script("loud", "head -c 314572800 /dev/zero | tr '\\000' 'a'");
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);

        var result = BoundedProcess.Run(script, [], TimeSpan.FromMinutes(2));

        var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
        result.Failure.Should().BeNull();
        result.ExitCode.Should().Be(0);
        result.Output.Should().HaveLength(BoundedProcess.MaxOutputBytes).And.MatchRegex("^a+$");

        // Reading it all into a string would allocate at least 600 MB (UTF-16); the cap keeps it to buffers.
        allocated.Should().BeLessThan(64L * 1024 * 1024, "the output beyond 64 KiB is read and dropped, not kept");
    }

    [Fact]
    public async Task RunAsync_CommandPrints300MB_KeepsTheCapAndTheLogExcerpt()
    {
        var script = Script("loud", "head -c 314572800 /dev/zero | tr '\\000' 'b'; echo done >&2");

        var result = await new ProcessCommandRunner().RunAsync([script], TimeSpan.FromMinutes(2), CancellationToken.None);

        result.ExitCode.Should().Be(0);
        result.Output.Should().HaveLength(4096, "the runner keeps 4 KiB of its 64 KiB for the log");
    }

    [Fact]
    public void Run_TimedOutHelperWithADoubleForkedChild_KillsTheChild()
    {
        var pidFile = _directory.Combine("child.pid");
        var script = Script("forker", $"(sleep 300 & echo $! > '{pidFile}'); echo started; exec sleep 300");

        // The child's pid is written before the helper sleeps; 5 s leaves a loaded machine time to get that far.
        var result = BoundedProcess.Run(script, [], TimeSpan.FromSeconds(5));

        result.Failure.Should().Be("timed out");
        IsGone(ReadPid(pidFile)).Should().BeTrue("the re-parented grandchild is in the helper's process group");
    }

    [Fact]
    public async Task RunAsync_TimedOutCommandWithADoubleForkedChild_KillsTheChild()
    {
        var pidFile = _directory.Combine("child.pid");
        var script = Script("forker", $"(sleep 300 & echo $! > '{pidFile}'); exec sleep 300");
        var watch = Stopwatch.StartNew();

        var result = await new ProcessCommandRunner().RunAsync([script], TimeSpan.FromSeconds(5), CancellationToken.None);

        result.TimedOut.Should().BeTrue();
        watch.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(60));
        IsGone(ReadPid(pidFile)).Should().BeTrue("the re-parented grandchild is in the helper's process group");
    }

    [Fact]
    public async Task RunAsync_MissingProgram_Is127()
    {
        var result = await new ProcessCommandRunner().RunAsync([_directory.Combine("missing")], TimeSpan.FromSeconds(10), CancellationToken.None);

        result.ExitCode.Should().Be(127);
        result.Output.Should().Contain("No such file or directory");
    }

    [Fact]
    public async Task RunAsync_ArgumentsAndLocale_ReachTheProgram()
    {
        var script = Script("echo", "printf '%s|%s|%s' \"$1\" \"$2\" \"$LC_ALL\"");

        var result = await new ProcessCommandRunner().RunAsync([script, "a b", "$(c)"], TimeSpan.FromSeconds(30), CancellationToken.None);

        result.ExitCode.Should().Be(0);
        result.Output.Should().Be("a b|$(c)|C");
    }

    private string Script(string name, string body)
    {
        var path = _directory.Combine(name);
        File.WriteAllText(path, $"#!/bin/sh\n{body}\n");
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return path;
    }

    private static int ReadPid(string pidFile) =>
        int.Parse(File.ReadAllText(pidFile).Trim(), CultureInfo.InvariantCulture);

    /// <summary>
    /// Whether <paramref name="pid"/> is gone or a zombie (killed, waiting for init to reap it). Polls for up to 10 s:
    /// SIGKILL is delivered at once, the bound only guards against a hang.
    /// </summary>
    private static bool IsGone(int pid)
    {
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < TimeSpan.FromSeconds(10))
        {
            string stat;
            try
            {
                stat = File.ReadAllText($"/proc/{pid}/stat");
            }
            catch (IOException)
            {
                return true;
            }

            // "pid (comm) S ...": the state follows the last ')'.
            if (stat[(stat.LastIndexOf(')') + 2)..].StartsWith('Z'))
            {
                return true;
            }

            Thread.Sleep(50);
        }

        return false;
    }
}
