// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

namespace KvpDaemon.Tests.Network;

/// <summary>A throw-away directory standing in for "/" (sysfs, procfs, /run, /etc, /var).</summary>
internal sealed class TemporaryRoot : IDisposable
{
    public TemporaryRoot()
    {
        Path = Directory.CreateTempSubdirectory("kvp-net-").FullName;
    }

    public string Path { get; }

    public TemporaryRoot Write(string systemPath, string text)
    {
        var full = System.IO.Path.Combine(Path, systemPath.TrimStart('/'));
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(full)!);
        File.WriteAllText(full, text);
        return this;
    }

    public TemporaryRoot WriteSample(string systemPath, string sampleName) => Write(systemPath, NetworkSamples.Read(sampleName));

    /// <summary>A /sys/class/net entry as the kernel shows it.</summary>
    public TemporaryRoot Interface(string name, int index, string mac, string flags = "0x1003")
    {
        return Write($"/sys/class/net/{name}/ifindex", index + "\n")
            .Write($"/sys/class/net/{name}/flags", flags + "\n")
            .Write($"/sys/class/net/{name}/address", mac + "\n")
            .Write($"/sys/class/net/{name}/type", "1\n");
    }

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
