// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

namespace KvpDaemon.Cli;

/// <summary>
/// A failure the user is told about in one line on standard error, with the exit status it ends the command with
/// (<see cref="ExitCodes"/>). Never a bug: those escape as other exceptions.
/// </summary>
internal sealed class HvkvpException : Exception
{
    /// <summary>A usage error (exit status 2).</summary>
    public HvkvpException(string message)
        : this(ExitCodes.Usage, message)
    {
    }

    public HvkvpException(int exitCode, string message)
        : base(message)
    {
        ExitCode = exitCode;
    }

    public int ExitCode { get; }
}
