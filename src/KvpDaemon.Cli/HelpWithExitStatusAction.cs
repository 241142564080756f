// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

using System.CommandLine;
using System.CommandLine.Invocation;

namespace KvpDaemon.Cli;

/// <summary>The standard <c>--help</c> output followed by the exit statuses, which scripts need as much as the options.</summary>
internal sealed class HelpWithExitStatusAction : SynchronousCommandLineAction
{
    private readonly CommandLineAction _standard;
    private readonly TextWriter _output;

    public HelpWithExitStatusAction(CommandLineAction standard, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(standard);
        ArgumentNullException.ThrowIfNull(output);
        _standard = standard;
        _output = output;
    }

    public override int Invoke(ParseResult parseResult)
    {
        var status = _standard is SynchronousCommandLineAction synchronous ? synchronous.Invoke(parseResult) : ExitCodes.Success;
        _output.WriteLine(HvkvpApp.ExitStatusHelp);
        return status;
    }
}
