// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

using System.Diagnostics;
using System.Globalization;

namespace KvpDaemon.HostSimulator.Bench;

/// <summary>
/// What a boot script pays per hvkvp call (issue 11's CLI targets, docs/performance.md): the wall time from starting
/// <c>hvkvp get key50 --pool guest</c> and <c>hvkvp list</c> to their exit, on a pool directory whose pool 1 holds 100
/// records written by hvkvp itself and whose other pool files are empty. No daemon is involved: hvkvp reads the files.
/// </summary>
internal static class CliTiming
{
    public const int Records = 100;

    /// <summary>The commands timed, as a user types them.</summary>
    public static readonly IReadOnlyList<string[]> Commands = [["get", "key50", "--pool", "guest"], ["list"]];

    public static async Task<IReadOnlyList<CliTimingResult>> MeasureAsync(string hvkvp, int runs, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var directory = Directory.CreateTempSubdirectory("hvkvp-bench-").FullName;
        try
        {
            for (var pool = 0; pool < 5; pool++)
            {
                await File.WriteAllBytesAsync(Path.Combine(directory, ".kvp_pool_" + pool.ToString(CultureInfo.InvariantCulture)), [], cancellationToken).ConfigureAwait(false);
            }

            for (var i = 1; i <= Records; i++)
            {
                var n = i.ToString(CultureInfo.InvariantCulture);
                await RunAsync(hvkvp, directory, ["set", "key" + n, "value" + n], timeout, cancellationToken).ConfigureAwait(false);
            }

            var results = new List<CliTimingResult>();
            foreach (var command in Commands)
            {
                var milliseconds = new List<double>();
                for (var run = 0; run < runs; run++)
                {
                    milliseconds.Add(await RunAsync(hvkvp, directory, command, timeout, cancellationToken).ConfigureAwait(false));
                }

                results.Add(CliTimingResult.Of("hvkvp " + string.Join(' ', command), milliseconds));
            }

            return results;
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    /// <returns>The wall time from start to exit, in milliseconds.</returns>
    /// <exception cref="InvalidOperationException">hvkvp failed, or did not exit within <paramref name="timeout"/>.</exception>
    private static async Task<double> RunAsync(string hvkvp, string poolDirectory, string[] arguments, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var startInfo = new ProcessStartInfo(hvkvp, arguments)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        startInfo.Environment["HVKVP_POOL_DIR"] = poolDirectory;
        var clock = Stopwatch.StartNew();
        using var process = Process.Start(startInfo) ?? throw new InvalidOperationException($"Could not start {hvkvp}.");
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            await process.WaitForExitAsync(deadline.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new InvalidOperationException($"hvkvp {string.Join(' ', arguments)} did not exit within {timeout.TotalSeconds:0} s.");
        }
        finally
        {
            // Timed out or interrupted: no hvkvp is left behind.
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }

        var elapsed = clock.Elapsed.TotalMilliseconds;
        await output.ConfigureAwait(false);
        var message = await error.ConfigureAwait(false);
        return process.ExitCode == 0
            ? elapsed
            : throw new InvalidOperationException($"hvkvp {string.Join(' ', arguments)} exited with {process.ExitCode}: {message.Trim()}");
    }
}
