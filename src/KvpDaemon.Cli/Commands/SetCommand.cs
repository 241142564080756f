// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

using System.CommandLine;
using KvpDaemon.Cli.Pools;
using KvpDaemon.Protocol;

namespace KvpDaemon.Cli.Commands;

/// <summary>
/// <c>hvkvp set KEY VALUE [--pool P] [--host-pool]</c>: stores a key for the host to read (pool 1 by default), under
/// the daemon's locks, rewriting the key's record in place or appending one.
/// </summary>
internal static class SetCommand
{
    public static Command Create(CommandContext context)
    {
        var key = CommandContext.KeyArgument("The key: 1 to 511 UTF-8 bytes");
        var value = new Argument<string>("VALUE") { Description = "The value: at most 2047 UTF-8 bytes (may be empty)" };
        var pool = CommandContext.PoolOption("The pool to write [default: guest (1), which the host reads]");
        var hostPool = HostPoolOption();
        var command = new Command("set", "Store a key and value for the host to read (pool 1, guest)") { key, value, pool, hostPool };
        context.SetAction(command, invocation =>
        {
            var parsed = invocation.ParseResult;
            var target = parsed.GetValue(pool) ?? KvpPool.Guest;
            PoolRules.RequireWritable(target, parsed.GetValue(hostPool));
            var keyText = parsed.GetValue(key)!;
            var valueText = parsed.GetValue(value)!;
            var record = (Key: KvpInput.Key(keyText), Value: KvpInput.Value(valueText));
            foreach (var warning in KvpInput.HostTruncationWarnings(keyText, valueText))
            {
                invocation.Warn(warning);
            }

            invocation.Pools.Set(target, record.Key, record.Value);
            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>The explicit consent to write a pool the host writes (0, 3, 4).</summary>
    public static Option<bool> HostPoolOption() => new("--host-pool")
    {
        Description = "Allow writing the pools the host writes: external (0), parameters (3), internal (4)",
    };
}
