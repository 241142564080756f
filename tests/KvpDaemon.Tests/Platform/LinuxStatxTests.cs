// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using KvpDaemon.Platform;
using KvpDaemon.Tests.Infrastructure;

namespace KvpDaemon.Tests.Platform;

/// <summary>
/// The Linux imports that replaced Mono.Posix for the NativeAOT build: <c>struct statx</c> and <c>struct utsname</c>
/// pinned to linux/stat.h and sys/utsname.h, the device number encoded as stat(2) and $JOURNAL_STREAM carry it, and
/// the dialect's identities against coreutils' stat(1) on this machine.
/// </summary>
public sealed class LinuxStatxTests
{
    [Theory]
    [InlineData(nameof(Interop.Libc.LinuxStatx.Inode), 32)]
    [InlineData(nameof(Interop.Libc.LinuxStatx.Size), 40)]
    [InlineData(nameof(Interop.Libc.LinuxStatx.ChangedSeconds), 96)]
    [InlineData(nameof(Interop.Libc.LinuxStatx.ChangedNanoseconds), 104)]
    [InlineData(nameof(Interop.Libc.LinuxStatx.ModifiedSeconds), 112)]
    [InlineData(nameof(Interop.Libc.LinuxStatx.ModifiedNanoseconds), 120)]
    [InlineData(nameof(Interop.Libc.LinuxStatx.DeviceMajor), 136)]
    [InlineData(nameof(Interop.Libc.LinuxStatx.DeviceMinor), 140)]
    public void LinuxStatx_Field_IsAtItsLinuxStatOffset(string field, int offset)
    {
        Marshal.SizeOf<Interop.Libc.LinuxStatx>().Should().Be(256);
        Marshal.OffsetOf<Interop.Libc.LinuxStatx>(field).ToInt32().Should().Be(offset);
    }

    [Fact]
    public void LinuxUtsname_IsSixFieldsOf65Bytes() => Marshal.SizeOf<Interop.Libc.LinuxUtsname>().Should().Be(390);

    [Theory]
    [InlineData(8u, 1u, 0x801ul)]
    [InlineData(0u, 25u, 0x19ul)]
    [InlineData(0x1234u, 0x56789u, 0x100056723489ul)]
    public void Device_MajorAndMinor_EncodeAsGlibcMakedev(uint major, uint minor, ulong device)
    {
        var statx = new Interop.Libc.LinuxStatx { DeviceMajor = major, DeviceMinor = minor };

        statx.Device.Should().Be(device);
    }

    [Fact]
    public void StatPathAndHandle_ThisMachine_AgreeWithCoreutilsStat()
    {
        // The suite runs on Linux (.ci/run); the FreeBSD dialect has its own imports.
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        using var directory = new TempDirectory();
        var path = Path.Combine(directory.Path, "pool");
        File.WriteAllText(path, "twelve bytes");
        var dialect = new LinuxKvpDialect();

        var byPath = dialect.StatPath(path);
        using var handle = File.OpenHandle(path);
        var byHandle = dialect.StatHandle(handle);

        var fields = Coreutils("stat", "-c", "%d %i %s %Y", path).Split(' ');
        byPath.Should().Be(byHandle);
        byHandle.Device.Should().Be(ulong.Parse(fields[0], CultureInfo.InvariantCulture));
        byHandle.Inode.Should().Be(ulong.Parse(fields[1], CultureInfo.InvariantCulture));
        byHandle.Size.Should().Be(12);
        byHandle.ModifiedSeconds.Should().Be(long.Parse(fields[3], CultureInfo.InvariantCulture));
        dialect.StatPath(Path.Combine(directory.Path, "missing")).Should().BeNull();
    }

    private static string Coreutils(string program, params string[] arguments)
    {
        var startInfo = new ProcessStartInfo(program) { RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        using var process = Process.Start(startInfo)!;
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit(TimeSpan.FromSeconds(30)).Should().BeTrue();
        return output.Trim();
    }
}
