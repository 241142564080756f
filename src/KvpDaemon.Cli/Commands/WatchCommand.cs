// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

using System.CommandLine;
using KvpDaemon.Cli.Json;
using KvpDaemon.Cli.Pools;
using KvpDaemon.Protocol;

namespace KvpDaemon.Cli.Commands;

/// <summary>
/// <c>hvkvp watch [--pool P] [--json]</c>: prints each added, changed or removed key as writers (the daemon, for the
/// host) change the pool, until SIGINT or SIGTERM, which end it with status 0. Lines: <c>+ KEY=VALUE</c>,
/// <c>~ KEY=VALUE</c>, <c>- KEY</c>, or one <see cref="PoolEvent"/> per line with <c>--json</c>.
/// </summary>
internal static class WatchCommand
{
    public static Command Create(CommandContext context) => PoolOutputCommand.Create(
        context,
        "watch",
        "Print keys as they are added, changed or removed, until interrupted",
        poolHelp: "The pool to watch [default: external (0), what the host pushes]",
        jsonHelp: "Print one {\"event\",\"pool\",\"key\",\"value\"} object per line",
        async (invocation, output, cancellationToken) =>
        {
            var target = output.Pool ?? KvpPool.External;
            using var follower = new PoolFollower(invocation.Pools, target, invocation.Error, context.FollowerStarted);
            var records = follower.Start();
            try
            {
                while (true)
                {
                    var next = await follower.NextAsync(cancellationToken).ConfigureAwait(false);
                    foreach (var change in PoolChange.Between(records, next))
                    {
                        Write(invocation.Output, target, change, output.Json);
                    }

                    records = next;
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                // SIGINT or SIGTERM: the normal way to stop watching.
                return ExitCodes.Success;
            }
        });

    private static void Write(TextWriter output, KvpPool pool, PoolChange change, bool json)
    {
        var key = change.Key.ToString();
        var value = change.Value.ToString();
        if (json)
        {
            var name = change.Kind switch
            {
                PoolChangeKind.Added => "added",
                PoolChangeKind.Changed => "changed",
                _ => "removed",
            };
            var item = new PoolEvent(name, (int)pool, key, change.Kind == PoolChangeKind.Removed ? null : value);
            JsonOutput.WriteLine(output, item, HvkvpJsonContext.Default.PoolEvent);
            return;
        }

        output.WriteLine(change.Kind switch
        {
            PoolChangeKind.Added => $"+ {TextOutput.Escape(key)}={TextOutput.Escape(value)}",
            PoolChangeKind.Changed => $"~ {TextOutput.Escape(key)}={TextOutput.Escape(value)}",
            _ => $"- {TextOutput.Escape(key)}",
        });
    }
}
