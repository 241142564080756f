// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using KvpDaemon.Cli.Pools;
using KvpDaemon.Protocol;

namespace KvpDaemon.Cli.Commands;

/// <summary>
/// <c>hvkvp wait KEY [--pool P] [--timeout S] [--json]</c>: prints the key's value as soon as the pool holds it, at
/// once if it already does; for boot-time configuration the host pushes. Exit 4 on timeout, 130 when interrupted.
/// </summary>
internal static class WaitCommand
{
    public static Command Create(CommandContext context)
    {
        var key = CommandContext.KeyArgument();
        var pool = CommandContext.PoolOption("The pool to wait on [default: external (0), what the host pushes]");
        var timeout = new Option<double?>("--timeout", "-t")
        {
            Description = "Give up after S seconds (fractions allowed; 0 checks once) [default: wait forever]",
            HelpName = "S",
            // The parser's own message names the CLR type (System.Nullable`1[System.Double]): say what the option takes.
            CustomParser = result =>
            {
                var text = result.Tokens.Count > 0 ? result.Tokens[0].Value : string.Empty;
                if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds))
                {
                    return seconds;
                }

                result.AddError($"--timeout: '{text}' is not a number of seconds; give one such as 30 or 0.5 (0 checks once).");
                return null;
            },
        };
        var json = CommandContext.JsonOption("Print {\"pool\",\"poolName\",\"key\",\"value\"} instead of the bare value");
        var command = new Command("wait", "Wait until the host has pushed a key, then print its value") { key, pool, timeout, json };
        context.SetAction(command, async (invocation, cancellationToken) =>
        {
            var parsed = invocation.ParseResult;
            var target = parsed.GetValue(pool) ?? KvpPool.External;
            PoolRules.RequireStored(target);
            var keyText = parsed.GetValue(key)!;
            var wanted = KvpInput.Key(keyText);
            var limit = Timeout(parsed.GetValue(timeout));

            using var follower = new PoolFollower(invocation.Pools, target, invocation.Error, context.FollowerStarted);
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            if (limit is { } span)
            {
                deadline.CancelAfter(span);
            }

            var records = follower.Start();
            try
            {
                while (true)
                {
                    if (records.FirstOrDefault(record => record.Key == wanted) is { Key.IsEmpty: false } found)
                    {
                        GetCommand.WriteValue(invocation.Output, target, keyText, found.Value.ToString(), parsed.GetValue(json));
                        return ExitCodes.Success;
                    }

                    deadline.Token.ThrowIfCancellationRequested();
                    records = await follower.NextAsync(deadline.Token).ConfigureAwait(false);
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                await invocation.Error.WriteLineAsync($"hvkvp: interrupted while waiting for '{TextOutput.Escape(keyText)}' in {PoolNames.Describe(target)}.").ConfigureAwait(false);
                return ExitCodes.Interrupted;
            }
            catch (OperationCanceledException) when (deadline.IsCancellationRequested)
            {
                Debug.Assert(limit is not null, "the deadline is armed only when --timeout gives a limit");
                var seconds = limit.Value.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture);
                await invocation.Error.WriteLineAsync($"hvkvp: '{TextOutput.Escape(keyText)}' did not appear in {PoolNames.Describe(target)} within {seconds} s.").ConfigureAwait(false);
                return ExitCodes.Timeout;
            }
        });
        return command;
    }

    private static TimeSpan? Timeout(double? seconds) => seconds switch
    {
        null => null,
        double s when double.IsFinite(s) && s >= 0 && s <= int.MaxValue / 1000.0 => TimeSpan.FromSeconds(s),
        _ => throw new HvkvpException($"--timeout takes a number of seconds from 0 to {int.MaxValue / 1000}; got {seconds}."),
    };
}
