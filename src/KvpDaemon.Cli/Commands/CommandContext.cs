// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

using System.CommandLine;
using KvpDaemon.Cli.Pools;
using KvpDaemon.Platform;
using KvpDaemon.Protocol;

namespace KvpDaemon.Cli.Commands;

/// <summary>
/// What every command shares for one run of hvkvp: the output writers, the OS dialect, the global
/// <c>--pool-dir</c> option, and the wrapper that turns failures into a one-line message and an exit status.
/// </summary>
internal sealed class CommandContext
{
    /// <summary>The environment variable that names the pool directory when <c>--pool-dir</c> does not.</summary>
    public const string PoolDirectoryVariable = "HVKVP_POOL_DIR";

    private readonly Func<string, string?> _environment;

    public CommandContext(KvpDialect dialect, Func<string, string?> environment, TextWriter output, TextWriter error, Action? followerStarted)
    {
        Dialect = dialect;
        _environment = environment;
        Output = output;
        Error = error;
        FollowerStarted = followerStarted;
        PoolDirectory = new Option<string>("--pool-dir")
        {
            Description = $"The directory of the pool files [default: ${PoolDirectoryVariable}, else {dialect.DefaultPoolDirectory}]",
            HelpName = "DIR",
            Recursive = true,
        };
    }

    public KvpDialect Dialect { get; }

    public TextWriter Output { get; }

    public TextWriter Error { get; }

    /// <summary>Called by watch and wait once they follow the pool: a test seam, null in production.</summary>
    public Action? FollowerStarted { get; }

    /// <summary>The global <c>--pool-dir DIR</c> option.</summary>
    public Option<string> PoolDirectory { get; }

    /// <summary>A <c>--pool/-p</c> option that takes a pool name or number.</summary>
    public static Option<KvpPool?> PoolOption(string description) => new("--pool", "-p")
    {
        Description = description,
        HelpName = "NAME|N",
        CustomParser = result =>
        {
            var text = result.Tokens.Count > 0 ? result.Tokens[0].Value : null;
            if (PoolNames.TryParse(text, out var pool))
            {
                return pool;
            }

            result.AddError($"Unknown pool '{text}'; pools are {PoolNames.Accepted}.");
            return null;
        },
    };

    /// <summary>The <c>--json</c> option.</summary>
    public static Option<bool> JsonOption(string description) => new("--json") { Description = description };

    /// <summary>The KEY argument of get, set, delete and wait.</summary>
    public static Argument<string> KeyArgument(string description = "The key, matched exactly (case-sensitive)") =>
        new("KEY") { Description = description };

    /// <summary>Runs <paramref name="action"/> for <paramref name="command"/>, with its failures mapped to exit statuses.</summary>
    public void SetAction(Command command, Func<Invocation, CancellationToken, Task<int>> action)
    {
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            try
            {
                using var pools = new PoolAccess(ResolvePoolDirectory(parseResult), Dialect);
                return await action(new Invocation(parseResult, Output, Error, pools), cancellationToken).ConfigureAwait(false);
            }
            catch (HvkvpException exception)
            {
                return Fail(exception.ExitCode, exception.Message);
            }
            catch (IOException exception)
            {
                return Fail(ExitCodes.IoError, exception.Message + PermissionHint(exception));
            }
            catch (UnauthorizedAccessException exception)
            {
                return Fail(ExitCodes.IoError, exception.Message + PermissionHint(exception));
            }
        });
    }

    /// <summary>A synchronous <see cref="SetAction(Command, Func{Invocation, CancellationToken, Task{int}})"/>.</summary>
    public void SetAction(Command command, Func<Invocation, int> action)
    {
        SetAction(command, (invocation, _) => Task.FromResult(action(invocation)));
    }

    private string ResolvePoolDirectory(ParseResult parseResult)
    {
        var directory = parseResult.GetValue(PoolDirectory);
        if (directory is not null)
        {
            return directory.Length > 0 ? directory : throw new HvkvpException("--pool-dir needs a directory.");
        }

        var fromEnvironment = _environment(PoolDirectoryVariable);
        return string.IsNullOrEmpty(fromEnvironment) ? Dialect.DefaultPoolDirectory : fromEnvironment;
    }

    private int Fail(int exitCode, string message)
    {
        Error.WriteLine($"hvkvp: {message}");
        return exitCode;
    }

    /// <summary>
    /// Reading needs read permission on the pool files; set and delete need write access, which the daemon's default
    /// modes give root only. Say so rather than leave a bare errno.
    /// </summary>
    private static string PermissionHint(Exception exception)
    {
        const int EPERM = 1;
        const int EACCES = 13;
        var denied = exception is UnauthorizedAccessException ||
            (exception is IOException io && Interop.Libc.ErrnoOf(io) is EACCES or EPERM);
        return denied ? " (reading a pool needs read permission on its file; set and delete need write access: run them as root)" : string.Empty;
    }
}

/// <summary>One command's invocation: its parsed arguments, where to write, and the pool files it works on.</summary>
internal sealed record Invocation(ParseResult ParseResult, TextWriter Output, TextWriter Error, PoolAccess Pools)
{
    /// <summary>Writes a warning line to standard error.</summary>
    public void Warn(string message) => Error.WriteLine($"hvkvp: warning: {message}");
}
