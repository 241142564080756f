// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

using System.Diagnostics;

namespace KvpDaemon.IntegrationTests.Packaging;

/// <summary>Finds the repository and external tools, and runs processes for the packaging tests.</summary>
internal static class PackagingTools
{
    /// <summary>The repository root: the nearest directory above the test binaries that holds KvpDaemon.sln.</summary>
    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    /// <summary>The full path of <paramref name="tool"/> on PATH, or null.</summary>
    public static string? Find(string tool)
    {
        var path = Environment.GetEnvironmentVariable("PATH") ?? string.Empty;
        foreach (var directory in path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(directory, tool);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }

    /// <summary>
    /// Runs a program to completion. <paramref name="timeout"/> only guards against a hang: reaching it fails the test.
    /// </summary>
    public static ProcessResult Run(
        string fileName,
        IEnumerable<string> arguments,
        TimeSpan timeout,
        IReadOnlyDictionary<string, string>? environment = null,
        string? workingDirectory = null)
    {
        var startInfo = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? RepositoryRoot,
        };
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            startInfo.Environment[name] = value;
        }

        using var process = Process.Start(startInfo) ?? throw new InvalidOperationException($"Cannot start {fileName}.");
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{fileName} {string.Join(' ', arguments)} did not finish within {timeout}.");
        }

        process.WaitForExit();
        return new ProcessResult(process.ExitCode, output.Result, error.Result);
    }

    private static string FindRepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "KvpDaemon.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No KvpDaemon.sln above {AppContext.BaseDirectory}.");
    }

    /// <summary>
    /// Whether a line of <c>rpm -qp --requires</c> is a requirement on the installed system's libraries, not one rpm
    /// adds by itself: <c>rpmlib(...)</c> features and the scriptlets' interpreter <c>/bin/sh</c>.
    /// </summary>
    public static bool IsLibraryRequire(string line) =>
        !line.StartsWith("rpmlib(", StringComparison.Ordinal) && line != "/bin/sh";

    /// <summary>The lines of <c>rpm -qp --requires</c> that <see cref="IsLibraryRequire"/> keeps.</summary>
    public static IEnumerable<string> LibraryRequires(IEnumerable<string> requires) => requires.Where(IsLibraryRequire);
}

/// <summary>A finished process: exit code and everything it wrote.</summary>
internal sealed record ProcessResult(int ExitCode, string Output, string Error)
{
    public override string ToString() => $"exit {ExitCode}\nstdout:\n{Output}\nstderr:\n{Error}";
}
