// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

using System.CommandLine;
using KvpDaemon.Cli.Pools;

namespace KvpDaemon.Cli.Commands;

/// <summary>
/// The set-up of the commands that print a pool's content (get, list, watch): the command with its <c>--pool/-p</c> and
/// <c>--json</c> options, and an action that reads them back and checks the pool before the command's own work. The
/// commands differ only in their help text, their default pool and that work.
/// </summary>
internal static class PoolOutputCommand
{
    /// <summary>A command whose <paramref name="action"/> runs with the parsed <see cref="PoolOutput"/>.</summary>
    public static Command Create(
        CommandContext context,
        string name,
        string description,
        string poolHelp,
        string jsonHelp,
        Func<Invocation, PoolOutput, CancellationToken, Task<int>> action)
    {
        var pool = CommandContext.PoolOption(poolHelp);
        var json = CommandContext.JsonOption(jsonHelp);
        var command = new Command(name, description) { pool, json };
        context.SetAction(command, (invocation, cancellationToken) =>
        {
            var given = invocation.ParseResult.GetValue(pool);
            if (given is { } stored)
            {
                PoolRules.RequireStored(stored);
            }

            return action(invocation, new PoolOutput(given, invocation.ParseResult.GetValue(json)), cancellationToken);
        });
        return command;
    }

    /// <summary>A synchronous <see cref="Create(CommandContext, string, string, string, string, Func{Invocation, PoolOutput, CancellationToken, Task{int}})"/>.</summary>
    public static Command Create(CommandContext context, string name, string description, string poolHelp, string jsonHelp, Func<Invocation, PoolOutput, int> action) =>
        Create(context, name, description, poolHelp, jsonHelp, (invocation, output, _) => Task.FromResult(action(invocation, output)));
}
