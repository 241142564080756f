// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

using System.Diagnostics;

namespace KvpDaemon.IntegrationTests.Cli;

/// <summary>
/// Runs the built hvkvp apphost as a child process. It is next to the tests because this project references the CLI
/// project, as the daemon's apphost is (see DaemonProcess.LocateExecutable). Timeouts only guard against hangs.
/// </summary>
internal static class HvkvpProcess
{
    public const string ExecutableName = "hvkvp";

    public static readonly TimeSpan Guard = TimeSpan.FromSeconds(60);

    public sealed record Result(int ExitCode, string Output, string Error);

    /// <summary>The apphost in the test output directory.</summary>
    public static string LocateExecutable()
    {
        var path = Path.Combine(AppContext.BaseDirectory, ExecutableName);
        return File.Exists(path)
            ? path
            : throw new FileNotFoundException($"The hvkvp executable is not next to the tests ({path}); build the test project.", path);
    }

    /// <summary>Starts hvkvp with redirected standard streams; the caller owns the process.</summary>
    public static Process Start(params string[] arguments)
    {
        var startInfo = new ProcessStartInfo(LocateExecutable())
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        // The apphost finds the runtime through DOTNET_ROOT first: point it at the one running the tests.
        if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable("DOTNET_ROOT")))
        {
            startInfo.Environment["DOTNET_ROOT"] = Path.GetFullPath(
                Path.Combine(Path.GetDirectoryName(typeof(object).Assembly.Location)!, "..", "..", ".."));
        }

        // Only --pool-dir names the pools in these tests.
        startInfo.Environment.Remove("HVKVP_POOL_DIR");
        return Process.Start(startInfo)!;
    }

    /// <summary>Runs hvkvp to completion.</summary>
    public static async Task<Result> RunAsync(params string[] arguments)
    {
        using var process = Start(arguments);
        process.StandardInput.Close();
        return await CompleteAsync(process);
    }

    /// <summary>Waits for a started hvkvp to exit and collects what it printed.</summary>
    public static async Task<Result> CompleteAsync(Process process)
    {
        ArgumentNullException.ThrowIfNull(process);
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
            throw new Xunit.Sdk.XunitException($"hvkvp {string.Join(' ', process.StartInfo.ArgumentList)} did not exit within {Guard.TotalSeconds} s.");
        }

        return new Result(process.ExitCode, await output, await error);
    }
}
