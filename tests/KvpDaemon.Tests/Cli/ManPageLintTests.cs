// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

using System.Diagnostics;

namespace KvpDaemon.Tests.Cli;

/// <summary>
/// The manual pages under docs/man pass <c>mandoc -T lint -W warning</c> with no message. Skipped where mandoc is not
/// installed (CI installs it).
/// </summary>
public sealed class ManPageLintTests
{
    [MandocFact]
    public void Mandoc_Lint_ReportsNothing()
    {
        var manDirectory = Path.Combine(RepositoryRoot(), "docs", "man");
        string[] pages = [Path.Combine(manDirectory, "hvkvp.1"), Path.Combine(manDirectory, "hypervkvpd.8")];
        pages.Should().OnlyContain(page => File.Exists(page));

        var start = new ProcessStartInfo(MandocFactAttribute.MandocPath!)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in (string[])["-T", "lint", "-W", "warning", .. pages])
        {
            start.ArgumentList.Add(argument);
        }

        using var mandoc = Process.Start(start)!;
        var output = mandoc.StandardOutput.ReadToEndAsync();
        var error = mandoc.StandardError.ReadToEndAsync();
        mandoc.WaitForExit(TimeSpan.FromSeconds(60)).Should().BeTrue("mandoc lints two pages in well under a minute");

        (output.Result + error.Result).Should().BeEmpty();
        mandoc.ExitCode.Should().Be(0);
    }

    /// <summary>The directory holding KvpDaemon.sln, found upwards from the test assembly.</summary>
    private static string RepositoryRoot()
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
}

/// <summary>A fact that is skipped, saying why, when mandoc is not on the PATH.</summary>
public sealed class MandocFactAttribute : FactAttribute
{
    public MandocFactAttribute()
    {
        if (MandocPath is null)
        {
            Skip = "mandoc is not installed (apt-get install mandoc; CI installs it), so the man pages cannot be linted.";
        }
    }

    /// <summary>The mandoc executable on the PATH, or null.</summary>
    public static string? MandocPath =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(directory => Path.Combine(directory, "mandoc"))
            .FirstOrDefault(File.Exists);
}
