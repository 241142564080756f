// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

using KvpDaemon.IntegrationTests.Infrastructure;

namespace KvpDaemon.IntegrationTests.FirstHour;

/// <summary>
/// Issue 14, item 6 (SIGHUP reloads even when the daemon inherited it ignored, as under nohup) and item 14 (with no
/// simulator listening, the daemon names the missing socket instead of "Cannot assign requested address"). The
/// daemon is pointed at a socket nobody listens on: it keeps retrying, with its SIGHUP handler in place.
/// </summary>
public sealed class DaemonSignalAndSocketTests : IDisposable
{
    private static readonly TimeSpan Guard = TimeSpan.FromSeconds(60);
    private readonly TempPoolDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task Item6_SighupInheritedIgnored_StillReloads()
    {
        var socket = Path.Combine(_directory.Path, "no.sock");
        // `trap '' HUP` then exec: the daemon starts with SIGHUP set to SIG_IGN, exactly as nohup leaves it.
        var startInfo = ProgramRun.StartInfo("/bin/sh", ["-c", "trap '' HUP; exec \"$0\" \"$@\"", ProgramRun.PathOf("hypervkvpd"),
            "--device", "unix:" + socket, "--pool-dir", Path.Combine(_directory.Path, "pools")]);
        using var daemon = new RunningProgram(startInfo);
        // The reloader registers for SIGHUP before the service logs this line.
        await daemon.WaitForLineAsync(line => line.Contains("KVP starting", StringComparison.Ordinal), Guard);

        Interop.Libc.Kill(daemon.Process.Id, Interop.Libc.SIGHUP).Should().Be(0);

        await daemon.WaitForLineAsync(line => line.Contains("SIGHUP: reloading the configuration", StringComparison.Ordinal), Guard);
        daemon.Process.HasExited.Should().BeFalse();
    }

    [Fact]
    public async Task Item14_NoSimulatorListening_NamesTheMissingSocket()
    {
        var socket = Path.Combine(_directory.Path, "no.sock");
        using var daemon = new RunningProgram(ProgramRun.StartInfo(
            "hypervkvpd", ["--device", "unix:" + socket, "--pool-dir", Path.Combine(_directory.Path, "pools")]));

        var line = await daemon.WaitForLineAsync(line => line.Contains("Could not register", StringComparison.Ordinal), Guard);

        line.Should().EndWith($"Could not register with unix:{socket}: no socket at {socket}; start the host simulator (hvkvp-sim) on it; retrying");
        daemon.Text.Should().NotContain("Cannot assign requested address");
    }
}
