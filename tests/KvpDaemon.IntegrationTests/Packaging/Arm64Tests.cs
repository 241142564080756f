// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

using KvpDaemon.HostSimulator.Daemon;
using KvpDaemon.Protocol;

namespace KvpDaemon.IntegrationTests.Packaging;

/// <summary>
/// The linux-arm64 .deb and .rpm: their metadata, that their programs are aarch64 NativeAOT binaries (cross-compiled:
/// packaging/lib/distros.sh kvp_cross_publish_args) loading nothing but glibc, and that those programs run under
/// qemu-user (<c>qemu-aarch64-static</c>, with Debian's arm64 libc installed multiarch), including a short session of
/// the arm64 daemon against the host simulator over the socket transport.
/// </summary>
public sealed class Arm64Tests
{
    private const ushort MachineAarch64 = 183;
    private static readonly TimeSpan RunTimeout = TimeSpan.FromMinutes(2);

    [PackagingFact("aarch64-linux-gnu-objdump", "dpkg-deb", "dotnet", "clang", "ld.lld", "aarch64-linux-gnu-gcc", NeedsManPages = true)]
    public void Deb_IsArm64_AndItsProgramsAreAarch64NativeBinaries()
    {
        var result = PackagingTools.Run("dpkg-deb", ["-f", PackageBuilds.Deb("arm64"), "Architecture"], RunTimeout);

        result.Output.Trim().Should().Be("arm64");
        foreach (var program in new[] { "usr/sbin/hypervkvpd", "usr/bin/hvkvp" })
        {
            var path = Path.Combine(GlibcFloor.DebPayload("arm64"), program);
            ElfMachine(path).Should().Be(MachineAarch64, program);
            // NativeAOT: libc, libm and the loader only; a single-file .NET host would also load libstdc++ and libgcc_s.
            GlibcFloor.Needed(path).Should().BeSubsetOf(["libc.so.6", "libm.so.6", "ld-linux-aarch64.so.1"], program);
        }
    }

    [PackagingFact("rpm", "rpmbuild", "aarch64-linux-gnu-objdump", "dpkg-deb", "dotnet", "clang", "ld.lld", "aarch64-linux-gnu-gcc", NeedsManPages = true)]
    public void Rpm_IsAarch64_AndRequiresTheMeasuredGlibcOnly()
    {
        var rpm = PackageBuilds.Rpm("arm64");

        PackagingTools.Run("rpm", ["-qp", "--qf", "%{ARCH}", rpm], RunTimeout).Output.Should().Be("aarch64");
        PackagingTools.Run("rpm", ["-qp", "--requires", rpm], RunTimeout).Output.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Where(PackagingTools.IsLibraryRequire)
            .Should().Equal($"glibc >= {GlibcFloor.OfDebPayload("arm64")}");
    }

    [QemuArm64Fact]
    public void Daemon_Version_RunsUnderQemu()
    {
        var result = RunUnderQemu("usr/sbin/hypervkvpd", "--version");

        result.ExitCode.Should().Be(0, "{0}", result);
        result.Output.Trim().Should().StartWith(
            PackagingTools.Run("dpkg-deb", ["-f", PackageBuilds.Deb("arm64"), "Version"], RunTimeout).Output.Trim());
    }

    [QemuArm64Fact]
    public void Cli_Help_RunsUnderQemu()
    {
        var result = RunUnderQemu("usr/bin/hvkvp", "--help");

        result.ExitCode.Should().Be(0, "{0}", result);
        result.Output.Should().Contain("hvkvp");
    }

    [QemuArm64Fact]
    public async Task Daemon_UnderQemu_ServesASimulatorSession()
    {
        var options = new DaemonProcessOptions
        {
            ExecutablePath = Path.Combine(GlibcFloor.DebPayload("arm64"), "usr", "sbin", "hypervkvpd"),
            // qemu-user runs the program in its own process, so the simulator's PID and SIGTERM reach the daemon.
            CommandPrefix = ["qemu-aarch64-static"],
        };
        // Emulated start-up takes up to seconds on a busy machine, not the milliseconds of a native one.
        await using var session = await DaemonSession.StartAsync(KvpAbi.Linux, options, TimeSpan.FromMinutes(2), CancellationToken.None);
        using var guard = new CancellationTokenSource(TimeSpan.FromMinutes(1));

        (await session.Simulator.SendAsync(new KvpSetRequest(0, "Arch", "arm64"), guard.Token)).Should().Be(KvpStatusReply.Ok);
        var reply = await session.Simulator.SendAsync(new KvpGetRequest(0, "Arch"), guard.Token);

        reply.Should().BeOfType<KvpGetReply>().Which.Value.ToString().Should().Be("arm64", session.DescribeDaemon());
    }

    private static ProcessResult RunUnderQemu(string program, params string[] arguments) =>
        PackagingTools.Run(
            "qemu-aarch64-static",
            [Path.Combine(GlibcFloor.DebPayload("arm64"), program), .. arguments],
            RunTimeout);

    /// <summary>e_machine of an ELF file (bytes 18-19, little-endian for both architectures here).</summary>
    private static ushort ElfMachine(string file)
    {
        var header = new byte[20];
        using var stream = File.OpenRead(file);
        stream.ReadExactly(header);
        return BitConverter.ToUInt16(header, 18);
    }
}
