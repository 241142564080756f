// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

using System.CommandLine;
using System.Net;
using System.Runtime.InteropServices;
using KvpDaemon.HostSimulator.Commands;
using KvpDaemon.HostSimulator.Daemon;

namespace KvpDaemon.HostSimulator.WsMan;

/// <summary>
/// <c>hvkvp-sim wsman --port N --user U --password-file F [--abi] [--daemon PATH]</c>: starts the daemon against the
/// simulator (as demo does) and serves a simulated Hyper-V host with one VM, "kvp-lab", over WS-Management on
/// 127.0.0.1 until Ctrl-C, so <c>hvkvp remote</c> has something to talk to without Hyper-V.
/// </summary>
internal static class WsManCommand
{
    public static Command Create()
    {
        var port = new Option<int>("--port")
        {
            Description = "The TCP port on 127.0.0.1 (0: any free port).",
            DefaultValueFactory = _ => 5985,
        };
        var user = new Option<string>("--user")
        {
            Description = "The user that Basic authentication accepts.",
            DefaultValueFactory = _ => "administrator",
        };
        var passwordFile = new Option<string>("--password-file")
        {
            Description = "A file whose first line is the password that Basic authentication accepts.",
            Required = true,
        };
        var daemon = CommonOptions.Daemon();
        var abi = CommonOptions.Abi();
        var timeout = CommonOptions.Timeout();
        var command = new Command("wsman", "Serve a simulated Hyper-V host (one VM, kvp-lab) over WS-Management for hvkvp remote.")
        {
            port, user, passwordFile, daemon, abi, timeout,
        };
        command.SetAction((parseResult, cancellationToken) =>
        {
            var output = parseResult.InvocationConfiguration.Output;
            var error = parseResult.InvocationConfiguration.Error;
            var listenPort = parseResult.GetValue(port);
            if (listenPort is < 0 or > IPEndPoint.MaxPort)
            {
                error.WriteLine($"hvkvp-sim: --port {listenPort} is not a TCP port; use 1 to {IPEndPoint.MaxPort}, or 0 for any free port.");
                return Task.FromResult(ExitCodes.Usage);
            }

            return CommonOptions.ReportFailuresAsync(error, async () =>
            {
                // SIGTERM (a service manager, kill) and SIGINT (Ctrl-C, kill -INT) stop serving and run the disposals
                // below, which stop the daemon and delete the temporary directory; without this SIGTERM ended the
                // process at once, leaving both behind.
                using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                using var terminate = StopOn(PosixSignal.SIGTERM, stop);
                using var interrupt = StopOn(PosixSignal.SIGINT, stop);
                cancellationToken = stop.Token;
                var password = ReadPassword(parseResult.GetValue(passwordFile)!);
                var kernel = CommonOptions.GetAbi(parseResult, abi);
                var limit = CommonOptions.GetTimeout(parseResult, timeout);
                var options = new DaemonProcessOptions { ExecutablePath = parseResult.GetValue(daemon) };
                await using var session = await DaemonSession.StartAsync(kernel, options, limit, cancellationToken).ConfigureAwait(false);
                using var guest = new SimulatorGuestKvp(session.Simulator);
                var host = new SimulatedHyperVHost(guest);
                var name = parseResult.GetValue(user)!;
                WsManServer started;
                try
                {
                    started = WsManServer.Start(host, name, password, listenPort);
                }
                catch (HttpListenerException e)
                {
                    // Busy or forbidden: the session (daemon, socket, temporary pool directory) is disposed on return.
                    await error.WriteLineAsync(
                        $"hvkvp-sim: --port {listenPort}: cannot listen on 127.0.0.1:{listenPort} ({e.Message}); " +
                        "stop what uses the port or choose another --port (0: any free port).").ConfigureAwait(false);
                    return ExitCodes.Usage;
                }

                await using var server = started;
                await output.WriteLineAsync(
                    $"Started {session.Daemon} (pool directory {session.PoolDirectory}).{Environment.NewLine}" +
                    $"Serving VM '{SimulatedHyperVHost.VmName}' over WS-Management at http://127.0.0.1:{server.Port}/wsman " +
                    $"(Basic auth, user '{name}'). Try:{Environment.NewLine}" +
                    $"  hvkvp remote '{server.HyperVUri(name)}' --password-file FILE vm {SimulatedHyperVHost.VmName} intrinsic{Environment.NewLine}" +
                    "Press Ctrl-C to stop.").ConfigureAwait(false);
                try
                {
                    await Task.Delay(Timeout.Infinite, cancellationToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    // Ctrl-C: the normal way to stop serving.
                }

                return ExitCodes.Success;
            });
        });
        return command;
    }

    /// <summary>
    /// Cancels <paramref name="stop"/> on <paramref name="signal"/> instead of ending the process. A disposition
    /// inherited as ignored is left so (a shell starts `hvkvp-sim wsman ... &amp;` with SIGINT ignored, on purpose): the
    /// runtime sets up SIGINT and SIGTERM when it starts, and resetting an ignored one to the default would let it
    /// kill the process before any handler ran.
    /// </summary>
    private static PosixSignalRegistration StopOn(PosixSignal signal, CancellationTokenSource stop) =>
        PosixSignalRegistration.Create(signal, context =>
        {
            context.Cancel = true;
            stop.Cancel();
        });

    private static string ReadPassword(string path)
    {
        using var reader = new StreamReader(path);
        return reader.ReadLine() ?? throw new ArgumentException($"The password file '{path}' is empty.");
    }
}
