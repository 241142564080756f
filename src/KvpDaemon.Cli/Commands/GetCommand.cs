// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

using System.CommandLine;
using KvpDaemon.Cli.Json;
using KvpDaemon.Cli.Pools;
using KvpDaemon.Protocol;

namespace KvpDaemon.Cli.Commands;

/// <summary><c>hvkvp get KEY [--pool P] [--json]</c>: prints one value; exit 1 when the key is absent.</summary>
internal static class GetCommand
{
    public static Command Create(CommandContext context)
    {
        var key = CommandContext.KeyArgument();
        var command = PoolOutputCommand.Create(
            context,
            "get",
            "Print the value of a key (by default one the host pushed)",
            poolHelp: "The pool to read [default: external (0), what the host pushed]",
            jsonHelp: "Print {\"pool\",\"poolName\",\"key\",\"value\"} instead of the bare value",
            (invocation, output) =>
            {
                var parsed = invocation.ParseResult;
                var target = output.Pool ?? KvpPool.External;
                var keyText = parsed.GetValue(key)!;
                var value = invocation.Pools.Get(target, KvpInput.Key(keyText));
                if (value is null)
                {
                    invocation.Error.WriteLine($"hvkvp: no key '{TextOutput.Escape(keyText)}' in {PoolNames.Describe(target)}.{WhereElse(invocation.Pools, target, keyText)}");
                    return ExitCodes.NotFound;
                }

                WriteValue(invocation.Output, target, keyText, value.Value.ToString(), output.Json);
                return ExitCodes.Success;
            });
        command.Arguments.Add(key);
        return command;
    }

    /// <summary>
    /// " It is in pool 1 (guest): hvkvp get KEY --pool guest" when another stored pool holds the key: set writes pool
    /// 1 and get reads pool 0 by default, so a key a user has just set is "missing" at the first try. Best effort: a
    /// pool that cannot be read is not a place the key is.
    /// </summary>
    private static string WhereElse(PoolAccess pools, KvpPool missedIn, string keyText)
    {
        var key = KvpInput.Key(keyText);
        foreach (var pool in PoolNames.Stored.Where(pool => pool != missedIn))
        {
            try
            {
                if (pools.TryRead(pool)?.Any(record => record.Key == key) == true)
                {
                    return $" It is in {PoolNames.Describe(pool)}: hvkvp get {TextOutput.Escape(keyText)} --pool {PoolNames.NameOf(pool)}";
                }
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or HvkvpException)
            {
                // Not readable here: say nothing about it.
            }
        }

        return string.Empty;
    }

    /// <summary>The output of get and wait: the raw value and a newline, or one <see cref="KeyValueResult"/>.</summary>
    public static void WriteValue(TextWriter output, KvpPool pool, string key, string value, bool json)
    {
        if (json)
        {
            JsonOutput.WriteLine(
                output,
                new KeyValueResult((int)pool, PoolNames.NameOf(pool), key, value),
                HvkvpJsonContext.Default.KeyValueResult);
        }
        else
        {
            output.WriteLine(value);
        }
    }
}
