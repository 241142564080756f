// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

namespace KvpDaemon.Tests.Repository;

/// <summary>
/// One logging layout (docs/contributing.md rule 7): a type's log messages are a nested <c>private static partial class
/// Log</c> in the type's own <c>Type.Log.cs</c> file, so they are found next to the type that logs them.
/// </summary>
public class LoggingLayoutTests
{
    [Fact]
    public void Sources_LogMessagesLiveInTheirTypesLogFile()
    {
        var files = RepositoryFiles.Under("src")
            .Where(file => file.EndsWith(".cs", StringComparison.Ordinal))
            .Where(file => RepositoryFiles.Read(file).Contains("[LoggerMessage", StringComparison.Ordinal))
            .ToList();

        files.Should().HaveCountGreaterThan(10, "the scan must find the daemon's log files, or it proves nothing");
        files.SelectMany(file => Offences(file, RepositoryFiles.Read(file))).Should().BeEmpty();
    }

    [Fact]
    public void Offences_FolderLevelLogClass_IsReported()
    {
        const string folderLevel = "namespace KvpDaemon.Network;\ninternal static partial class Log\n{\n    [LoggerMessage(EventId = 1)]\n}\n";
        const string nested = "internal sealed partial class RootedFiles\n{\n    private static partial class Log\n    {\n    }\n}\n";

        Offences("src/KvpDaemon/Network/Log.cs", folderLevel).Should().ContainSingle();
        Offences("src/KvpDaemon/Network/Network.Log.cs", folderLevel).Should().ContainSingle("no type Network holds it");
        Offences("src/KvpDaemon/Network/RootedFiles.cs", nested).Should().ContainSingle().Which.Should().Contain("RootedFiles.Log.cs");
        Offences("src/KvpDaemon/Network/RootedFiles.Log.cs", nested).Should().BeEmpty();
    }

    private static IEnumerable<string> Offences(string file, string text)
    {
        var name = Path.GetFileName(file);
        if (!name.EndsWith(".Log.cs", StringComparison.Ordinal))
        {
            yield return $"{file}: log messages belong in {Path.GetFileNameWithoutExtension(name)}.Log.cs";
            yield break;
        }

        var type = name[..^".Log.cs".Length];
        if (!text.Contains($"partial class {type}", StringComparison.Ordinal)
            || !text.Contains("    private static partial class Log", StringComparison.Ordinal))
        {
            yield return $"{file}: expected a private static partial class Log nested in partial class {type}";
        }
    }
}
