// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

using System.CommandLine;
using KvpDaemon.Cli.Pools;
using KvpDaemon.Protocol;

namespace KvpDaemon.Cli.Commands;

/// <summary><c>hvkvp delete KEY [--pool P] [--host-pool]</c>: removes a key (pool 1 by default); exit 1 when absent.</summary>
internal static class DeleteCommand
{
    public static Command Create(CommandContext context)
    {
        var key = CommandContext.KeyArgument();
        var pool = CommandContext.PoolOption("The pool to delete from [default: guest (1)]");
        var hostPool = SetCommand.HostPoolOption();
        var command = new Command("delete", "Remove a key (pool 1, guest)") { key, pool, hostPool };
        context.SetAction(command, invocation =>
        {
            var parsed = invocation.ParseResult;
            var target = parsed.GetValue(pool) ?? KvpPool.Guest;
            PoolRules.RequireWritable(target, parsed.GetValue(hostPool));
            var keyText = parsed.GetValue(key)!;
            if (!invocation.Pools.Delete(target, KvpInput.Key(keyText)))
            {
                invocation.Error.WriteLine($"hvkvp: no key '{TextOutput.Escape(keyText)}' in {PoolNames.Describe(target)}.");
                return ExitCodes.NotFound;
            }

            return ExitCodes.Success;
        });
        return command;
    }
}
