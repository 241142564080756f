// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

using KvpDaemon.Network;

namespace KvpDaemon.IpConfig;

/// <summary>
/// <see cref="ICommandRunner"/> over <see cref="BoundedProcess"/>: an argument vector (no shell, no quoting), stdin
/// closed, a C locale, output capped at 64 KiB a stream, and on timeout the helper's whole process group killed, so
/// that a script's children die with it (docs/protocol.md QUIRK-29: an answer after the kernel's timeout is taken for
/// the next request).
/// </summary>
internal sealed class ProcessCommandRunner : ICommandRunner
{
    /// <summary>The most output kept for the log.</summary>
    private const int MaxOutput = 4096;

    /// <summary>
    /// How long to wait for the output pipes after the process exited: a daemon it started (dhclient) may hold them
    /// open forever, and that must not hold the answer.
    /// </summary>
    private static readonly TimeSpan OutputGrace = TimeSpan.FromMilliseconds(250);

    private static readonly Dictionary<string, string> CLocale = new() { ["LC_ALL"] = "C" };

    public async Task<CommandResult> RunAsync(IReadOnlyList<string> arguments, TimeSpan timeout, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfZero(arguments.Count);
        var outcome = await BoundedProcess.RunAsync(arguments, timeout, OutputGrace, CLocale, cancellationToken).ConfigureAwait(false);
        if (outcome.StartFailure is { } failure)
        {
            return new CommandResult(127, false, failure);
        }

        var text = outcome.StandardOutput + outcome.StandardError;
        text = text.Length > MaxOutput ? text[..MaxOutput] : text;
        return outcome.TimedOut ? new CommandResult(-1, true, text) : new CommandResult(outcome.ExitCode ?? -1, false, text);
    }
}
