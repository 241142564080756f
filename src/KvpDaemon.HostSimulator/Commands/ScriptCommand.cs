// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

using System.CommandLine;
using KvpDaemon.HostSimulator.Scripting;
using KvpDaemon.HostSimulator.Simulation;

namespace KvpDaemon.HostSimulator.Commands;

/// <summary>
/// <c>hvkvp-sim script --socket PATH [--abi] FILE|-</c>: a file of operations, one per line. The whole script is parsed
/// before anything is sent, so a typo on line 40 does not leave a half-run script behind.
/// </summary>
internal static class ScriptCommand
{
    public static Command Create()
    {
        var socket = CommonOptions.Socket();
        var abi = CommonOptions.Abi();
        var timeout = CommonOptions.Timeout();
        var file = new Argument<string>("file") { Description = "The script file, or - for standard input." };
        var command = new Command(
            "script",
            "Run a script of operations, one per line:" + Environment.NewLine + "  " +
            string.Join(Environment.NewLine + "  ", SimulatorCommandParser.Usage))
        {
            socket, abi, timeout, file,
        };
        command.SetAction((parseResult, cancellationToken) =>
        {
            var output = parseResult.InvocationConfiguration.Output;
            var error = parseResult.InvocationConfiguration.Error;
            return CommonOptions.ReportFailuresAsync(error, async () =>
            {
                var path = parseResult.GetValue(file)!;
                var text = path == "-"
                    ? await Console.In.ReadToEndAsync(cancellationToken).ConfigureAwait(false)
                    : await File.ReadAllTextAsync(path, cancellationToken).ConfigureAwait(false);
                var commands = ParseScript(text, path == "-" ? "<stdin>" : path);
                await using var simulator = KvpHostSimulator.Listen(
                    parseResult.GetValue(socket)!, CommonOptions.GetAbi(parseResult, abi));
                var runner = new ScriptRunner(simulator, output, CommonOptions.GetTimeout(parseResult, timeout));
                await runner.EnsureRegisteredAsync(cancellationToken).ConfigureAwait(false);
                foreach (var (lineNumber, parsed) in commands)
                {
                    try
                    {
                        await runner.ExecuteAsync(parsed, cancellationToken).ConfigureAwait(false);
                    }
                    catch (Exception e) when (e is KvpSimulatorException or TimeoutException)
                    {
                        throw new KvpSimulatorException($"Line {lineNumber}: {e.Message}", e);
                    }
                }

                return ExitCodes.Success;
            });
        });
        return command;
    }

    /// <summary>Parses every line; all errors are reported together, each with its line number.</summary>
    /// <exception cref="SimulatorScriptException">At least one line does not parse.</exception>
    internal static IReadOnlyList<(int LineNumber, SimulatorCommand Command)> ParseScript(string text, string name)
    {
        var commands = new List<(int, SimulatorCommand)>();
        var errors = new List<string>();
        var lines = text.ReplaceLineEndings("\n").Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            try
            {
                if (SimulatorCommandParser.Parse(lines[i]) is { } parsed)
                {
                    commands.Add((i + 1, parsed));
                }
            }
            catch (SimulatorScriptException e)
            {
                errors.Add($"{name}:{i + 1}: {e.Message}");
            }
        }

        return errors.Count == 0
            ? commands
            : throw new SimulatorScriptException(string.Join(Environment.NewLine, errors));
    }
}
