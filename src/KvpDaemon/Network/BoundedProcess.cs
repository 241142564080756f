// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

using System.Diagnostics;

namespace KvpDaemon.Network;

/// <summary>
/// Runs a program without a shell (argument vector only) under a hard time limit and captures its standard output.
/// On timeout the process and its descendants are killed: a stuck helper never holds up a request.
/// </summary>
internal static class BoundedProcess
{
    /// <summary>The outcome of one run; <paramref name="Output"/> is null when the run did not complete normally.</summary>
    internal sealed record Result(string? Output, int? ExitCode, string? Failure);

    public static Result Run(string fileName, IReadOnlyList<string> arguments, TimeSpan timeout)
    {
        ArgumentNullException.ThrowIfNull(fileName);
        ArgumentNullException.ThrowIfNull(arguments);
        var startInfo = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            CreateNoWindow = true,
        };
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        using var process = new Process { StartInfo = startInfo };
        try
        {
            process.Start();
        }
        catch (System.ComponentModel.Win32Exception exception)
        {
            return new Result(null, null, exception.Message);
        }

        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        var deadline = Stopwatch.StartNew();
        if (!process.WaitForExit(timeout))
        {
            Kill(process);
            return new Result(null, null, "timed out");
        }

        // The streams end when every holder of the pipe exits; a daemonized grandchild could keep them open.
        var remaining = timeout - deadline.Elapsed;
        if (remaining < TimeSpan.Zero || !Task.WaitAll([output, error], remaining))
        {
            Kill(process);
            return new Result(null, process.ExitCode, "output not closed in time");
        }

        return new Result(output.Result, process.ExitCode, null);
    }

    private static void Kill(Process process)
    {
        try
        {
            process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // It exited between the timeout and the kill.
        }
    }
}
