// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

namespace KvpDaemon.IntegrationTests.Infrastructure;

/// <summary>A pool directory that outlives one daemon session; removed on dispose.</summary>
internal sealed class TempPoolDirectory : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("kvpd-pools-").FullName;

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
