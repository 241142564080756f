// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

namespace KvpDaemon.Tests.HostSimulator.Infrastructure;

/// <summary>A fresh, short socket path (sun_path holds 107 bytes) in a directory deleted on dispose.</summary>
internal sealed class TempSocketPath : IDisposable
{
    private readonly string _directory = System.IO.Directory.CreateTempSubdirectory("hvkvp-t-").FullName;

    public TempSocketPath() => Path = System.IO.Path.Combine(_directory, "s.sock");

    public string Path { get; }

    public string Directory => _directory;

    public void Dispose() => System.IO.Directory.Delete(_directory, recursive: true);
}
