// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

using KvpDaemon.HostSimulator.Daemon;

namespace KvpDaemon.Tests.HostSimulator;

public sealed class DaemonProcessTests
{
    [Fact]
    public void ParseVmHwmKiB_StatusText_ReturnsPeak()
    {
        const string status = "Name:\thypervkvpd\nVmPeak:\t  300000 kB\nVmHWM:\t   28712 kB\nVmRSS:\t   27000 kB\n";

        DaemonProcess.ParseVmHwmKiB(status).Should().Be(28712);
    }

    [Theory]
    [InlineData("Name:\tx\nVmRSS:\t 1 kB\n")]
    [InlineData("VmHWM:\t garbage kB\n")]
    [InlineData("VmHWM:\t 12 MB\n")]
    public void ParseVmHwmKiB_NoUsableLine_ReturnsNull(string status)
    {
        DaemonProcess.ParseVmHwmKiB(status).Should().BeNull();
    }

    [Fact]
    public void LocateExecutable_MissingExplicitPath_ThrowsNamingIt()
    {
        var act = () => DaemonProcess.LocateExecutable("/nonexistent/hypervkvpd");

        act.Should().Throw<FileNotFoundException>().WithMessage("*/nonexistent/hypervkvpd*");
    }

    [Fact]
    public void LocateExecutable_Default_FindsApphostNextToTheSimulator()
    {
        // The test project references the daemon project, so its apphost is in the test output too.
        DaemonProcess.LocateExecutable(null).Should().Be(Path.Combine(AppContext.BaseDirectory, DaemonProcess.ExecutableName));
    }

    [Fact]
    public void Kill_SignalZeroToSelf_Succeeds()
    {
        // Signal 0 checks that the process exists: proves the libc binding resolves and works.
        Interop.Libc.Kill(Environment.ProcessId, 0).Should().Be(0);
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public async Task StopAsync_ChildWithoutHandler_EndsBySigterm()
    {
        using var directory = new Infrastructure.TempSocketPath();
        var script = Path.Combine(directory.Directory, "fake-daemon");
        await File.WriteAllTextAsync(script, "#!/bin/sh\necho started \"$@\"\nexec sleep 600\n");
        File.SetUnixFileMode(script, UnixFileMode.UserRead | UnixFileMode.UserExecute);
        await using var daemon = DaemonProcess.Start(
            "/tmp/s.sock", "/tmp/pool", KvpDaemon.Protocol.KvpAbi.FreeBsd, new DaemonProcessOptions { ExecutablePath = script });

        using (var guard = new CancellationTokenSource(TimeSpan.FromSeconds(30)))
        {
            // Stop only once the child has run: output is the signal (the delay paces the poll, it decides nothing).
            while (daemon.Log.Snapshot().Count == 0)
            {
                await Task.Delay(10, guard.Token);
            }
        }

        var exitCode = await daemon.StopAsync(TimeSpan.FromSeconds(30));

        // sleep has no SIGTERM handler: the signal ends it, reported as 128 + 15.
        exitCode.Should().Be(128 + Interop.Libc.SIGTERM);
        daemon.HasExited.Should().BeTrue();
        daemon.Arguments.Should().Equal("--device", "unix:/tmp/s.sock", "--pool-dir", "/tmp/pool", "--abi", "freebsd");
        daemon.Log.Snapshot().Should().Equal("out: started --device unix:/tmp/s.sock --pool-dir /tmp/pool --abi freebsd");
    }

    [Fact]
    public void BoundedLog_OverCapacity_KeepsNewestAndCountsDropped()
    {
        var log = new BoundedLog(capacity: 2);

        log.Append("one");
        log.Append("two");
        log.Append("three");

        log.Snapshot().Should().Equal("two", "three");
        log.Dropped.Should().Be(1);
        log.ToString().Should().Be($"... 1 earlier lines dropped ...{Environment.NewLine}two{Environment.NewLine}three{Environment.NewLine}");
    }
}
