// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

using System.CommandLine;
using System.CommandLine.Help;
using KvpDaemon.Cli.Commands;
using KvpDaemon.Platform;

namespace KvpDaemon.Cli;

/// <summary>
/// hvkvp's command line: parses the arguments, runs one command against the pool files and returns the exit status
/// (<see cref="ExitCodes"/>). Everything it prints goes to the writers it is given, so tests run it in-process.
/// </summary>
internal sealed class HvkvpApp
{
    /// <summary>The exit statuses, as <c>--help</c> lists them (hvkvp(1), EXIT STATUS, says the same).</summary>
    public const string ExitStatusHelp = """
        Exit status:
          0    success (watch: also when stopped by SIGINT or SIGTERM)
          1    get, delete: no such key in the pool
          2    usage error: bad option or pool, key or value too long, a pool the command cannot use
          3    I/O or permission error, or a missing pool directory or file
          4    wait: the key did not appear before --timeout
          70   internal error (a bug in hvkvp)
          130  wait: interrupted by SIGINT or SIGTERM; any command still running 5 s after SIGINT, or at a second signal
          143  any command still running 5 s after SIGTERM, or at a second signal
        """;

    private readonly KvpDialect _dialect;
    private readonly Func<string, string?> _environment;
    private readonly Action? _followerStarted;

    /// <param name="dialect">The OS's paths and locks.</param>
    /// <param name="environment">Reads an environment variable (<c>HVKVP_POOL_DIR</c>).</param>
    /// <param name="followerStarted">
    /// Called when watch or wait has armed its watcher and read the pool, so a test can change the pool knowing the
    /// change will be seen as one. Null in production.
    /// </param>
    public HvkvpApp(KvpDialect dialect, Func<string, string?> environment, Action? followerStarted = null)
    {
        _dialect = dialect;
        _environment = environment;
        _followerStarted = followerStarted;
    }

    /// <summary>Runs a command to completion; watch and wait run until their pool changes as they want.</summary>
    public int Run(string[] args, TextWriter output, TextWriter error) =>
        RunAsync(args, output, error, CancellationToken.None).GetAwaiter().GetResult();

    /// <summary>
    /// Runs a command. <paramref name="cancellationToken"/> stops watch and wait as SIGINT would; the process's entry
    /// passes <see cref="TerminationSignals.Token"/>.
    /// </summary>
    public async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        // .NET decodes the arguments as UTF-8 before Main and turns every byte that is not UTF-8 into U+FFFD: the byte
        // is lost, and storing the replacement would publish a key or value the user never typed. Refuse instead.
        // (A U+FFFD typed on purpose is refused too: it cannot be told apart here.)
        var notUtf8 = Array.FindIndex(args, argument => argument.Contains('\uFFFD', StringComparison.Ordinal));
        if (notUtf8 >= 0)
        {
            await error.WriteLineAsync(
                $"hvkvp: argument {notUtf8 + 1} ('{TextOutput.Escape(args[notUtf8])}') is not valid UTF-8; keys and values must be UTF-8 text.")
                .ConfigureAwait(false);
            return ExitCodes.Usage;
        }

        var context = new CommandContext(_dialect, _environment, output, error, _followerStarted);
        var root = CreateRootCommand(context, _environment);

        // No response files: a value that starts with '@' is a value.
        var result = root.Parse(args, new ParserConfiguration { ResponseFileTokenReplacer = null });
        // --help wins over errors such as a missing KEY: "hvkvp get --help" must print help.
        if (result.Errors.Count > 0 && result.Action is not HelpWithExitStatusAction)
        {
            await error.WriteLineAsync($"hvkvp: {UsageMessage(root, result)}").ConfigureAwait(false);
            await error.WriteLineAsync("Try 'hvkvp --help'.").ConfigureAwait(false);
            return ExitCodes.Usage;
        }

        var invocation = new InvocationConfiguration
        {
            Output = output,
            Error = error,
            EnableDefaultExceptionHandler = false,

            // Signals are TerminationSignals' job: it registers before the command starts, System.CommandLine after.
            ProcessTerminationTimeout = null,
        };
        try
        {
            return await result.InvokeAsync(invocation, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            // Expected failures become messages in CommandContext; anything here is a bug.
            await error.WriteLineAsync($"hvkvp: internal error: {exception}").ConfigureAwait(false);
            return ExitCodes.InternalError;
        }
    }

    /// <summary>
    /// One message for a command line that does not parse: the first error, except that a mistyped command
    /// ("hvkvp lst") is named as such, where the parser would first say "Required command was not provided.".
    /// </summary>
    private static string UsageMessage(Command root, ParseResult result)
    {
        if (result.CommandResult.Command == root && result.UnmatchedTokens.Count > 0 &&
            !result.UnmatchedTokens[0].StartsWith('-'))
        {
            var commands = string.Join(", ", root.Subcommands.Select(command => command.Name));
            return $"'{TextOutput.Escape(result.UnmatchedTokens[0])}' is not a command; commands are {commands}.";
        }

        return result.Errors[0].Message;
    }

    private static Command CreateRootCommand(CommandContext context, Func<string, string?> environment)
    {
        // A plain command rather than RootCommand, which names itself after the running executable: help and errors
        // say "hvkvp" however the program was started (and in tests, which run it inside the test host).
        var root = new Command(
            "hvkvp",
            "hvkvp: read and write the Hyper-V KVP pools of this guest, as hypervkvpd shares them with the host.")
        {
            new HelpOption(),
            new VersionOption(),
            context.PoolDirectory,
            ListCommand.Create(context),
            GetCommand.Create(context),
            SetCommand.Create(context),
            DeleteCommand.Create(context),
            WatchCommand.Create(context),
            WaitCommand.Create(context),
            ParamsCommand.Create(context),
            RemoteCommand.Create(context, environment),
        };
        foreach (var help in root.Options.OfType<HelpOption>())
        {
            if (help.Action is { } standard)
            {
                help.Action = new HelpWithExitStatusAction(standard, context.Output, context.PoolDirectory);
            }
        }

        return root;
    }
}
