// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

using System.CommandLine;
using KvpDaemon.Cli.Pools;
using KvpDaemon.Protocol;

namespace KvpDaemon.Cli.Commands;

/// <summary>
/// The <c>--pool/-p</c> and <c>--json</c> pair of the commands that print a pool's content (get, list, watch): built,
/// added and read back in one place, so that the commands differ only in their help text and default pool.
/// </summary>
internal sealed class PoolOutputOptions
{
    public PoolOutputOptions(string poolDescription, string jsonDescription)
    {
        Pool = CommandContext.PoolOption(poolDescription);
        Json = CommandContext.JsonOption(jsonDescription);
    }

    public Option<KvpPool?> Pool { get; }

    public Option<bool> Json { get; }

    /// <summary>Adds <c>--pool</c>, then <c>--json</c>, to <paramref name="command"/> and returns it.</summary>
    public Command AddTo(Command command)
    {
        command.Options.Add(Pool);
        command.Options.Add(Json);
        return command;
    }

    /// <summary>The pool given with <c>--pool</c>, checked to be one with a file; null when the option is absent.</summary>
    public KvpPool? StoredPool(ParseResult parsed)
    {
        var pool = parsed.GetValue(Pool);
        if (pool is { } given)
        {
            PoolRules.RequireStored(given);
        }

        return pool;
    }

    /// <summary>The pool given with <c>--pool</c>, else <paramref name="fallback"/>, checked to be one with a file.</summary>
    public KvpPool StoredPool(ParseResult parsed, KvpPool fallback)
    {
        var pool = parsed.GetValue(Pool) ?? fallback;
        PoolRules.RequireStored(pool);
        return pool;
    }

    /// <summary>Whether <c>--json</c> was given.</summary>
    public bool WantsJson(ParseResult parsed) => parsed.GetValue(Json);
}
