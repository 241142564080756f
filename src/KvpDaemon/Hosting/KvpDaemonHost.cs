// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace KvpDaemon.Hosting;

/// <summary>Runs the built host and turns its outcome into the daemon's exit status.</summary>
internal static class KvpDaemonHost
{
    /// <summary>Exit status for an invalid configuration (as for a usage error).</summary>
    public const int ConfigurationErrorExitCode = 2;

    public static async Task<int> RunAsync(IHost host, TextWriter error)
    {
        try
        {
            await host.RunAsync().ConfigureAwait(false);
            return Environment.ExitCode;
        }
        catch (OptionsValidationException exception)
        {
            foreach (var failure in exception.Failures)
            {
                await error.WriteLineAsync($"hypervkvpd: invalid configuration: {failure}").ConfigureAwait(false);
            }

            return ConfigurationErrorExitCode;
        }
        catch (OperationCanceledException)
        {
            // Stopped (SIGTERM, SIGINT) before registration completed: a normal stop.
            return Environment.ExitCode;
        }
    }
}
