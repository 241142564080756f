// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

using System.Text;
using KvpDaemon.IntegrationTests.Infrastructure;

namespace KvpDaemon.IntegrationTests.FirstHour;

/// <summary>
/// Issue 14, item 15: the README's "From source" walk-through, run as written. The commands are read from README.md
/// itself, so the test fails when the README drifts from what the programs do.
/// </summary>
/// <remarks>
/// Two substitutions, both because the test runs inside the build it would otherwise repeat: <c>dotnet build</c>
/// lines are left out (the binaries exist, or this test would not be running), and <c>dotnet run --project
/// src/KvpDaemon.HostSimulator --</c> becomes the hvkvp-sim it would run, so no build starts under the test run.
/// </remarks>
public sealed class ReadmeWalkthroughTests : IDisposable
{
    private const string Section = "## From source";
    private const string DotnetRunSimulator = "dotnet run -c Release --project src/KvpDaemon.HostSimulator --";
    private readonly TempPoolDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task FromSource_RunsVerbatimAndShowsTheKeysOnBothSides()
    {
        var commands = Commands(File.ReadAllLines(Path.Combine(RepositoryFiles.Root, "README.md")));
        commands.Should().Contain(line => line.Contains("demo --keep", StringComparison.Ordinal));
        var script = new StringBuilder()
            .AppendLine("set -eu")
            // A failure half-way must not leave the daemon running.
            .AppendLine("trap 'kill $(jobs -p) 2>/dev/null || true' EXIT");
        foreach (var command in commands.Where(line => !line.StartsWith("dotnet build", StringComparison.Ordinal)))
        {
            script.AppendLine(command.Replace(DotnetRunSimulator, "src/KvpDaemon.HostSimulator/bin/Release/net10.0/hvkvp-sim", StringComparison.Ordinal));
        }

        var startInfo = ProgramRun.StartInfo(
            "/bin/bash",
            ["-c", script.ToString()],
            new Dictionary<string, string> { ["TMPDIR"] = _directory.Path, ["DOTNET_ROOT"] = ProgramRun.DotnetRoot });
        startInfo.FileName = "/bin/bash";
        startInfo.WorkingDirectory = RepositoryFiles.Root;

        var result = await ProgramRun.RunAsync(startInfo);

        result.ExitCode.Should().Be(0, $"script:\n{script}\nstdout:\n{result.Output}\nstderr:\n{result.Error}");
        var lines = result.Output.Split('\n');
        lines.Should().Contain("web", "hvkvp get Role prints the value the simulated host pushed");
        lines.Should().Contain("OK value=2026.11.22", "the host reads the guest's key back through the daemon");
        lines.Should().Contain(line => line.StartsWith("guest", StringComparison.Ordinal) && line.Contains("build-id", StringComparison.Ordinal));
        result.Output.Should().Contain("The demo succeeded").And.Contain("The pool files are kept in");
    }

    /// <summary>The indented (code) lines of the section, comments after '#' dropped.</summary>
    private static List<string> Commands(string[] readme)
    {
        var start = Array.IndexOf(readme, Section);
        start.Should().BePositive($"README.md has a '{Section}' section");
        var commands = new List<string>();
        for (var i = start + 1; i < readme.Length && !readme[i].StartsWith("## ", StringComparison.Ordinal); i++)
        {
            if (readme[i].StartsWith("    ", StringComparison.Ordinal))
            {
                var command = readme[i].Trim();
                var comment = command.IndexOf("  #", StringComparison.Ordinal);
                commands.Add(comment < 0 ? command : command[..comment].TrimEnd());
            }
        }

        return commands;
    }
}
