// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

using System.Diagnostics;
using KvpDaemon.IpConfig;
using KvpDaemon.Tests.Infrastructure;

namespace KvpDaemon.Tests.IpConfig;

/// <summary>
/// The configuration files a backend may rewrite or judge are read whole and exactly, or the request is refused: the
/// bounds of <see cref="SystemFileSnapshot"/> never lead to a file written back truncated or a FIFO blocking the loop.
/// </summary>
public sealed class SystemFileSnapshotTests : IDisposable
{
    private readonly TempDirectory _root = new();

    public void Dispose() => _root.Dispose();

    [Fact]
    public void Read_InterfacesWithinTheBound_IsReadWhole()
    {
        var text = "auto lo\niface lo inet loopback\n" + new string('#', SystemFileSnapshot.MaxBytes - 40) + "\n";
        Write("etc/network/interfaces", System.Text.Encoding.UTF8.GetBytes(text));

        SystemFileSnapshot.Read(_root.Path)["/etc/network/interfaces"].Should().Be(text);
    }

    [Fact]
    public void Read_InterfacesLargerThanTheBound_IsRefused()
    {
        Write("etc/network/interfaces", new byte[SystemFileSnapshot.MaxBytes + 1].Select(_ => (byte)'#').ToArray());

        var read = () => SystemFileSnapshot.Read(_root.Path);

        read.Should().Throw<InvalidDataException>().WithMessage("/etc/network/interfaces is larger than 64 KiB*");
    }

    [Fact]
    public void Read_FileNotUtf8_IsRefused()
    {
        Write("etc/netplan/50-cloud-init.yaml", [(byte)'a', 0xff, (byte)'\n']);

        var read = () => SystemFileSnapshot.Read(_root.Path);

        read.Should().Throw<InvalidDataException>().WithMessage("/etc/netplan/50-cloud-init.yaml is not UTF-8*");
    }

    [Fact]
    public void Read_Fifo_IsRefusedWithoutOpeningIt()
    {
        Directory.CreateDirectory(Path.Combine(_root.Path, "etc/network"));
        using (var mkfifo = Process.Start("mkfifo", Path.Combine(_root.Path, "etc/network/interfaces")))
        {
            mkfifo.WaitForExit();
            mkfifo.ExitCode.Should().Be(0);
        }

        // Opening a FIFO with no writer would never return; the type is checked first.
        var read = () => SystemFileSnapshot.Read(_root.Path);

        read.Should().Throw<InvalidDataException>().WithMessage("*not a regular file*");
    }

    [Fact]
    public void Read_DirectoryWithMoreFilesThanTheBound_IsRefused()
    {
        for (var i = 0; i <= SystemFileSnapshot.MaxFiles; i++)
        {
            Write($"etc/systemd/network/{i:D3}-x.network", "[Match]\nName=x\n"u8.ToArray());
        }

        var read = () => SystemFileSnapshot.Read(_root.Path);

        read.Should().Throw<InvalidDataException>().WithMessage("/etc/systemd/network holds more than 128 files*");
    }

    private void Write(string relative, byte[] content)
    {
        var path = Path.Combine(_root.Path, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, content);
    }
}
