// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

using System.Diagnostics;
using System.Text.RegularExpressions;

namespace KvpDaemon.IntegrationTests.FirstHour;

/// <summary>
/// Runs one of the three built programs (hypervkvpd, hvkvp, hvkvp-sim: their apphosts sit next to the tests) to
/// completion and checks what a user sees of a mistake: one line, and never a stack trace or a resource key.
/// </summary>
internal static partial class ProgramRun
{
    /// <summary>Only against a hang: each of these programs answers a mistake at once.</summary>
    public static readonly TimeSpan Guard = TimeSpan.FromSeconds(60);

    public sealed record Result(int ExitCode, string Output, string Error)
    {
        /// <summary>Standard error's lines, without the trailing empty one.</summary>
        public IReadOnlyList<string> ErrorLines => Error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
    }

    public static string PathOf(string program) => Path.Combine(AppContext.BaseDirectory, program);

    public static ProcessStartInfo StartInfo(string program, IEnumerable<string> arguments, IReadOnlyDictionary<string, string>? environment = null)
    {
        var startInfo = new ProcessStartInfo(PathOf(program))
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        // The apphosts find the runtime through DOTNET_ROOT first: point it at the one running the tests.
        if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable("DOTNET_ROOT")))
        {
            startInfo.Environment["DOTNET_ROOT"] = DotnetRoot;
        }

        startInfo.Environment.Remove("HVKVP_POOL_DIR");
        startInfo.Environment.Remove("HVKVP_PASSWORD");
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            startInfo.Environment[name] = value;
        }

        return startInfo;
    }

    public static string DotnetRoot =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(typeof(object).Assembly.Location)!, "..", "..", ".."));

    public static Task<Result> RunAsync(string program, params string[] arguments) => RunAsync(StartInfo(program, arguments));

    public static async Task<Result> RunAsync(ProcessStartInfo startInfo)
    {
        using var process = Process.Start(startInfo)!;
        process.StandardInput.Close();
        return await CompleteAsync(process);
    }

    /// <summary>Waits for a started program to exit and collects what it printed; kills it after <see cref="Guard"/>.</summary>
    public static async Task<Result> CompleteAsync(Process process)
    {
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var guard = new CancellationTokenSource(Guard);
        try
        {
            await process.WaitForExitAsync(guard.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new Xunit.Sdk.XunitException(
                $"{Path.GetFileName(process.StartInfo.FileName)} {string.Join(' ', process.StartInfo.ArgumentList)} did not exit within {Guard.TotalSeconds} s.");
        }

        return new Result(process.ExitCode, await output, await error);
    }

    /// <summary>The issue's rule: one line on standard error, this status, and nothing a user should never see.</summary>
    public static void ShouldBeOneLine(this Result result, int exitCode, string line)
    {
        result.ExitCode.Should().Be(exitCode, $"stdout: {result.Output}\nstderr: {result.Error}");
        result.ErrorLines.Should().NotBeEmpty().And.Subject.First().Should().Be(line);
        result.ShouldShowNoInternals();
    }

    /// <summary>No "Unhandled exception", no stack frame, no resource key such as Format_BadBoolean.</summary>
    public static void ShouldShowNoInternals(this Result result)
    {
        var all = result.Output + result.Error;
        all.Should().NotContain("Unhandled exception").And.NotContain("   at ").And.NotContain("Exception:");
        ResourceKey().IsMatch(all).Should().BeFalse($"no resource key may reach a user: {all}");
    }

    [GeneratedRegex(@"\b[A-Z][a-z]+[A-Za-z]*_[A-Z][A-Za-z]+\b")]
    private static partial Regex ResourceKey();
}
