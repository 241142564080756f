// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

using System.CommandLine;
using KvpDaemon.HostSimulator.Daemon;
using KvpDaemon.HostSimulator.Demo;
using KvpDaemon.HostSimulator.Simulation;

namespace KvpDaemon.HostSimulator.Commands;

/// <summary>
/// <c>hvkvp-sim demo [--daemon PATH] [--abi]</c>: the first-run command of the README. Starts the real daemon on a
/// temporary pool directory against the simulator, plays <see cref="DemoScenario"/>, stops the daemon, cleans up.
/// </summary>
internal static class DemoCommand
{
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(10);

    public static Command Create()
    {
        var daemon = CommonOptions.Daemon();
        var abi = CommonOptions.Abi();
        var timeout = CommonOptions.Timeout();
        var keep = new Option<string>("--keep")
        {
            Description = "Keep the pool files in DIR (created if missing) to read them with hvkvp --pool-dir DIR afterwards.",
            HelpName = "DIR",
        };
        var command = new Command("demo", "Start the daemon against the simulator and show what a Hyper-V host sees.")
        {
            daemon, abi, timeout, keep,
        };
        command.SetAction((parseResult, cancellationToken) =>
        {
            var output = parseResult.InvocationConfiguration.Output;
            var error = parseResult.InvocationConfiguration.Error;
            return CommonOptions.ReportFailuresAsync(error, async () =>
            {
                var kernel = CommonOptions.GetAbi(parseResult, abi);
                var limit = CommonOptions.GetTimeout(parseResult, timeout);
                var options = new DaemonProcessOptions { ExecutablePath = parseResult.GetValue(daemon), Debug = true };
                // A pool directory given to the session is not deleted with it.
                var kept = parseResult.GetValue(keep) is { Length: > 0 } keepDirectory ? Path.GetFullPath(keepDirectory) : null;
                if (kept is not null)
                {
                    Directory.CreateDirectory(kept);
                }

                await using var session = await DaemonSession.StartAsync(kernel, options, limit, cancellationToken, kept)
                    .ConfigureAwait(false);
                await output.WriteLineAsync(
                    $"Started {session.Daemon}; it registered after {session.StartToRegistration.TotalMilliseconds:0} ms " +
                    $"(kernel ABI {kernel.Name}, pool directory {session.PoolDirectory}).").ConfigureAwait(false);
                try
                {
                    await new DemoScenario(output, limit).RunAsync(session, cancellationToken).ConfigureAwait(false);
                }
                catch (Exception e) when (e is KvpSimulatorException or IOException or OperationCanceledException
                    && !cancellationToken.IsCancellationRequested)
                {
                    throw new KvpSimulatorException($"The demo failed: {e.Message}{Environment.NewLine}{session.DescribeDaemon()}", e);
                }

                await output.WriteLineAsync().ConfigureAwait(false);
                var exitCode = await session.Daemon.StopAsync(StopTimeout).ConfigureAwait(false);
                if (exitCode != 0)
                {
                    throw new KvpSimulatorException(
                        $"The daemon exited with code {exitCode} after SIGTERM; expected 0. {session.DescribeDaemon()}");
                }

                await output.WriteLineAsync("6. Stopped the daemon with SIGTERM (exit code 0). The demo succeeded.")
                    .ConfigureAwait(false);
                if (kept is not null)
                {
                    await output.WriteLineAsync($"The pool files are kept in {kept}: hvkvp --pool-dir {kept} list").ConfigureAwait(false);
                }

                return ExitCodes.Success;
            });
        });
        return command;
    }
}
