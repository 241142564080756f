// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

using System.CommandLine;
using KvpDaemon.HostSimulator.Scripting;
using KvpDaemon.HostSimulator.Simulation;

namespace KvpDaemon.HostSimulator.Commands;

/// <summary>
/// <c>hvkvp-sim interactive --socket PATH [--abi]</c>: operations typed at a prompt. A bad line or a failed exchange is
/// reported and the session goes on; the next exchange waits for the daemon to register again if it had to.
/// </summary>
internal static class InteractiveCommand
{
    private const string Prompt = "kvp> ";

    public static Command Create()
    {
        var socket = CommonOptions.Socket();
        var abi = CommonOptions.Abi();
        var timeout = CommonOptions.Timeout();
        var command = new Command("interactive", "Read operations from standard input ('help' lists them, 'quit' ends).")
        {
            socket, abi, timeout,
        };
        command.SetAction((parseResult, cancellationToken) =>
        {
            var output = parseResult.InvocationConfiguration.Output;
            var error = parseResult.InvocationConfiguration.Error;
            return CommonOptions.ReportFailuresAsync(error, async () =>
            {
                var socketPath = parseResult.GetValue(socket)!;
                var kernel = CommonOptions.GetAbi(parseResult, abi);
                await using var simulator = KvpHostSimulator.Listen(socketPath, kernel);
                var runner = new ScriptRunner(simulator, output, CommonOptions.GetTimeout(parseResult, timeout));
                await error.WriteLineAsync(
                    $"Listening on {socketPath} ({kernel.Name}); start the daemon with --device unix:{socketPath} --abi {kernel.Name}.")
                    .ConfigureAwait(false);
                await runner.EnsureRegisteredAsync(cancellationToken).ConfigureAwait(false);
                await error.WriteLineAsync("The daemon registered. Type 'help' for the operations.").ConfigureAwait(false);
                await LoopAsync(runner, Console.In, output, error, cancellationToken).ConfigureAwait(false);
                return ExitCodes.Success;
            });
        });
        return command;
    }

    private static async Task LoopAsync(
        ScriptRunner runner, TextReader input, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        var showPrompt = !Console.IsInputRedirected;
        while (true)
        {
            if (showPrompt)
            {
                await output.WriteAsync(Prompt).ConfigureAwait(false);
                await output.FlushAsync(cancellationToken).ConfigureAwait(false);
            }

            var line = await input.ReadLineAsync(cancellationToken).ConfigureAwait(false);
            switch (line?.Trim())
            {
                case null or "quit" or "exit":
                    return;
                case "help" or "?":
                    foreach (var usage in SimulatorCommandParser.Usage)
                    {
                        await output.WriteLineAsync(usage).ConfigureAwait(false);
                    }

                    continue;
            }

            try
            {
                if (SimulatorCommandParser.Parse(line) is { } parsed)
                {
                    await runner.ExecuteAsync(parsed, cancellationToken).ConfigureAwait(false);
                }
            }
            catch (Exception e) when (e is SimulatorScriptException or KvpSimulatorException or TimeoutException)
            {
                await error.WriteLineAsync($"error: {e.Message}").ConfigureAwait(false);
            }
        }
    }
}
