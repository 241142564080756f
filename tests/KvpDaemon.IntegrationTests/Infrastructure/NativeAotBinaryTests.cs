// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

using System.Text;
using KvpDaemon.HostSimulator.Daemon;
using KvpDaemon.IntegrationTests.Cli;

namespace KvpDaemon.IntegrationTests.Infrastructure;

/// <summary>
/// The programs the integration tests run are the NativeAOT binaries the Linux packages ship (NativeBinaries.targets),
/// not the apphosts of the referenced projects: no .NET host, no runtime loaded from elsewhere.
/// </summary>
public sealed class NativeAotBinaryTests
{
    [Fact]
    public async Task Daemon_TheTestsRun_IsNativeNoRuntimeLibraryIsMapped()
    {
        await using var session = await Sessions.StartAsync("linux");

        var maps = await File.ReadAllTextAsync($"/proc/{session.Daemon.Pid}/maps");

        maps.Should().NotContain("libcoreclr.so").And.NotContain("libhostfxr.so").And.NotContain("System.Private.CoreLib");
        maps.Should().Contain(DaemonProcess.LocateExecutable(null), "the daemon's own file is its code");
    }

    [Fact]
    public void DaemonAndCli_Files_AreElfWithoutTheApphostsRuntimeLookup()
    {
        foreach (var path in new[] { DaemonProcess.LocateExecutable(null), HvkvpProcess.LocateExecutable() })
        {
            var bytes = File.ReadAllBytes(path);

            bytes.AsSpan(0, 4).ToArray().Should().Equal([0x7f, (byte)'E', (byte)'L', (byte)'F']);
            bytes.AsSpan().IndexOf(Encoding.ASCII.GetBytes("libhostfxr.so")).Should().Be(-1, "an apphost looks for libhostfxr.so; {0} must not", path);
        }
    }
}
