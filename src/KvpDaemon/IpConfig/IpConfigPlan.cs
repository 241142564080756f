// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

namespace KvpDaemon.IpConfig;

/// <summary>
/// What a backend would do to apply one request: files to write, then commands to run in order. Produced by a pure
/// function (<see cref="IIpConfigBackend.Plan"/>), applied by <see cref="IpConfigPlanExecutor"/> or written out by a dry
/// run. Paths are absolute system paths; the executor places them under <see cref="IpConfigOptions.Root"/>.
/// </summary>
/// <param name="Backend">The backend's name (<see cref="IpConfigBackendNames"/>).</param>
/// <param name="Files">Files written, before any command runs, each replaced atomically.</param>
/// <param name="Commands">Argument vectors, run without a shell, in order.</param>
internal sealed record IpConfigPlan(string Backend, IReadOnlyList<PlannedFile> Files, IReadOnlyList<PlannedCommand> Commands)
{
    /// <summary>
    /// Commands run after the backup and before any file is written: whatever must still see the old configuration to
    /// undo it (ifupdown's <c>ifdown</c> reads the stanza the interface was brought up with, docs/behaviour.md).
    /// </summary>
    public IReadOnlyList<PlannedCommand> PreCommands { get; init; } = [];

    /// <summary>Files removed after the new files are written (an earlier daemon version's file): backed up and restored too.</summary>
    public IReadOnlyList<string> RemovedFiles { get; init; } = [];

    /// <summary>Facts the administrator should know although the plan goes ahead (an order the backend cannot keep).</summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];

    /// <summary>Files the commands change (FreeBSD's <c>sysrc</c> edits <c>/etc/rc.conf</c>): backed up and restored too.</summary>
    public IReadOnlyList<string> ModifiedByCommands { get; init; } = [];

    /// <summary>
    /// Best-effort commands run after a failed apply has restored the files, so that the running service re-reads
    /// them (for example <c>nmcli connection reload</c>). Failures here are logged only.
    /// </summary>
    public IReadOnlyList<PlannedCommand> RollbackCommands { get; init; } = [];
}

/// <summary>A file to write whole, with its permission bits.</summary>
internal sealed record PlannedFile(string Path, string Content, UnixFileMode Mode);

/// <summary>
/// One program run: <c>Arguments[0]</c> is the program (looked up in PATH), the rest are passed as they are.
/// <paramref name="MayFail"/> marks steps whose failure is expected and harmless (taking down an interface that is
/// not up, deleting a route that does not exist). <paramref name="ExpectedOutput"/>, when set, must appear in the
/// command's output as a word of its own (no letter or digit right before or after it: "activated" is not found in
/// "deactivated") for it to count as a success: tools that exit 0 without doing the work (<c>nmcli connection
/// load</c> of a file NetworkManager rejects) are checked by a query whose answer names what must be in force.
/// </summary>
internal sealed record PlannedCommand(IReadOnlyList<string> Arguments, bool MayFail = false, string? ExpectedOutput = null)
{
    public static PlannedCommand Run(params string[] arguments) => new(arguments);

    public static PlannedCommand Try(params string[] arguments) => new(arguments, MayFail: true);

    /// <summary>A required query whose output must contain <paramref name="expected"/> as a word of its own.</summary>
    public static PlannedCommand Check(string expected, params string[] arguments) => new(arguments, ExpectedOutput: expected);

    /// <summary>The vector as one shell-quoted line, for logs and dry runs (never executed as such).</summary>
    public override string ToString() => string.Join(' ', Arguments.Select(Quote));

    private static string Quote(string argument) =>
        argument.Length > 0 && argument.All(c => char.IsAsciiLetterOrDigit(c) || "_-./:=@%+,".Contains(c, StringComparison.Ordinal))
            ? argument
            : "'" + argument.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}
