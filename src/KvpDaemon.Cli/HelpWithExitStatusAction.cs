// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

using System.CommandLine;
using System.CommandLine.Invocation;
using System.CommandLine.Parsing;
using KvpDaemon.Cli.Commands;

namespace KvpDaemon.Cli;

/// <summary>
/// The standard <c>--help</c> output followed by the exit statuses, which scripts need as much as the options. Under
/// <c>remote</c> the local <c>--pool-dir</c> (a recursive option of the root) is left out and the remote statuses are
/// listed: neither the local pool directory nor the local table applies to a Hyper-V host.
/// </summary>
internal sealed class HelpWithExitStatusAction : SynchronousCommandLineAction
{
    private readonly CommandLineAction _standard;
    private readonly TextWriter _output;
    private readonly Option _localOnly;

    public HelpWithExitStatusAction(CommandLineAction standard, TextWriter output, Option localOnly)
    {
        _standard = standard;
        _output = output;
        _localOnly = localOnly;
    }

    public override int Invoke(ParseResult parseResult)
    {
        var remote = IsUnderRemote(parseResult.CommandResult);
        var wasHidden = _localOnly.Hidden;
        _localOnly.Hidden = wasHidden || remote;
        try
        {
            var status = _standard is SynchronousCommandLineAction synchronous ? synchronous.Invoke(parseResult) : ExitCodes.Success;
            _output.WriteLine(remote ? RemoteCommand.ExitStatusHelp : HvkvpApp.ExitStatusHelp);
            return status;
        }
        finally
        {
            _localOnly.Hidden = wasHidden;
        }
    }

    private static bool IsUnderRemote(CommandResult? result)
    {
        for (var current = result; current is not null; current = current.Parent as CommandResult)
        {
            if (current.Command.Name == RemoteCommand.Name)
            {
                return true;
            }
        }

        return false;
    }
}
