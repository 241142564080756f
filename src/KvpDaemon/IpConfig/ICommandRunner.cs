// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

namespace KvpDaemon.IpConfig;

/// <summary>Runs one program from an argument vector, never through a shell.</summary>
internal interface ICommandRunner
{
    /// <summary>
    /// Runs <paramref name="arguments"/> (<c>[0]</c> is the program) and waits at most <paramref name="timeout"/>; past
    /// it the whole process tree is killed and the result says so. Failing to start the program is a result with
    /// exit code 127 (as a shell reports "not found"), not an exception.
    /// </summary>
    Task<CommandResult> RunAsync(IReadOnlyList<string> arguments, TimeSpan timeout, CancellationToken cancellationToken);
}

/// <summary>How a command ended; <paramref name="Output"/> is its combined, possibly truncated, stdout and stderr.</summary>
internal sealed record CommandResult(int ExitCode, bool TimedOut, string Output)
{
    public bool Succeeded => !TimedOut && ExitCode == 0;
}
