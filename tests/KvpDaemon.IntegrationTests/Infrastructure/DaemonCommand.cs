// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

using System.Diagnostics;
using KvpDaemon.HostSimulator.Daemon;

namespace KvpDaemon.IntegrationTests.Infrastructure;

/// <summary>Runs the built hypervkvpd with arbitrary arguments and collects its exit code and output.</summary>
internal static class DaemonCommand
{
    public sealed record Result(int ExitCode, string Output, string Error);

    public static ProcessStartInfo StartInfo(IEnumerable<string> arguments, IReadOnlyDictionary<string, string>? environment = null)
    {
        var startInfo = new ProcessStartInfo(DaemonProcess.LocateExecutable(null))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        // The apphost looks for the runtime in DOTNET_ROOT first: point it at the one running the tests.
        if (!startInfo.Environment.ContainsKey("DOTNET_ROOT"))
        {
            startInfo.Environment["DOTNET_ROOT"] = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(typeof(object).Assembly.Location)!, "..", "..", ".."));
        }
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            startInfo.Environment[name] = value;
        }

        return startInfo;
    }

    /// <summary>Runs to completion; the timeout only guards against a hang.</summary>
    public static async Task<Result> RunAsync(params string[] arguments)
    {
        using var process = Process.Start(StartInfo(arguments))!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var guard = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(guard.Token);
        return new Result(process.ExitCode, await output, await error);
    }
}
