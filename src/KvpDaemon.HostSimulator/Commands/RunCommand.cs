// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

using System.CommandLine;
using KvpDaemon.HostSimulator.Scripting;
using KvpDaemon.HostSimulator.Simulation;
using KvpDaemon.Protocol;

namespace KvpDaemon.HostSimulator.Commands;

/// <summary><c>hvkvp-sim run --socket PATH [--abi] OP ARGS...</c>: one operation after the daemon registers.</summary>
internal static class RunCommand
{
    public static Command Create()
    {
        var socket = CommonOptions.Socket();
        var abi = CommonOptions.Abi();
        var timeout = CommonOptions.Timeout();
        var operation = new Argument<string[]>("operation")
        {
            Description = "The operation and its arguments, e.g. get 0 MyKey (see 'script' for the language).",
            Arity = ArgumentArity.OneOrMore,
        };
        var command = new Command(
            "run",
            "Wait for the daemon to register, run one operation and print the reply. Exit 0 for HV_S_OK, 3 for another status.")
        {
            socket, abi, timeout, operation,
        };
        command.SetAction((parseResult, cancellationToken) =>
        {
            var output = parseResult.InvocationConfiguration.Output;
            var error = parseResult.InvocationConfiguration.Error;
            return CommonOptions.ReportFailuresAsync(error, async () =>
            {
                var line = SimulatorCommandParser.JoinArguments(parseResult.GetValue(operation)!);
                var parsed = SimulatorCommandParser.Parse(line)
                    ?? throw new SimulatorScriptException("The operation is empty or a comment.");
                await using var simulator = KvpHostSimulator.Listen(
                    parseResult.GetValue(socket)!, CommonOptions.GetAbi(parseResult, abi));
                var runner = new ScriptRunner(simulator, output, CommonOptions.GetTimeout(parseResult, timeout));
                var status = await runner.ExecuteAsync(parsed, cancellationToken).ConfigureAwait(false);
                return status == HvStatus.HV_S_OK ? ExitCodes.Success : ExitCodes.NotOk;
            });
        });
        return command;
    }
}
