// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

using KvpDaemon.Protocol;
using Microsoft.Extensions.Logging;

namespace KvpDaemon.IpConfig;

/// <summary>
/// Applies a plan all or nothing, as far as files go: every file the plan writes, removes or its commands modify is
/// backed up first (or noted as absent); the pre-commands run against the old configuration; files are replaced
/// atomically (a temporary file in the same directory, renamed; a bind-mounted file is rewritten in place) and the
/// removed ones deleted; then the commands run in order, each confirming query only succeeding when its output holds
/// the expected text. If a write or a command fails or runs out of time, the backed-up files are put back, files and
/// directories that did not exist are removed, and the plan's rollback commands run so the service re-reads them. The
/// kernel's state that commands already changed (addresses, routes) is not reverted beyond that.
/// <para>
/// A command argument equal to a planned file's path is passed as that file's real location under the root, so that a
/// script or <c>nmcli connection load</c> reads the file that was written.
/// </para>
/// <para>
/// Time: the apply gets 80 % of the total budget and the rollback the rest, so that even a failure is answered before
/// the kernel's own timeout (docs/protocol.md 1.8, QUIRK-29). Backups are kept in memory for the duration of one apply.
/// </para>
/// </summary>
internal sealed partial class IpConfigPlanExecutor
{
    private readonly ICommandRunner _runner;
    private readonly string _root;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;

    /// <param name="runner">Runs the commands.</param>
    /// <param name="root">The directory system paths are placed under (<see cref="IpConfigOptions.Root"/>).</param>
    /// <param name="timeProvider">Measures the budget.</param>
    /// <param name="logger">Receives one line per step that fails.</param>
    public IpConfigPlanExecutor(ICommandRunner runner, string root, TimeProvider timeProvider, ILogger logger)
    {
        ArgumentException.ThrowIfNullOrEmpty(root);
        _runner = runner;
        _root = root;
        _timeProvider = timeProvider;
        _logger = logger;
    }

    /// <summary>Where a system path lives under the root.</summary>
    public static string UnderRoot(string root, string path) => Path.Join(root, path.TrimStart('/'));

    /// <summary>Applies <paramref name="plan"/>; true when every file was written and every required command succeeded.</summary>
    public async Task<bool> ApplyAsync(IpConfigPlan plan, TimeSpan commandTimeout, TimeSpan budget, CancellationToken cancellationToken)
    {
        var started = _timeProvider.GetTimestamp();
        var applyBudget = budget * 0.8;

        List<FileBackup> backups;
        try
        {
            backups = plan.Files.Select(f => f.Path).Concat(plan.ModifiedByCommands).Concat(plan.RemovedFiles)
                .Distinct(StringComparer.Ordinal).Select(Backup).ToList();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Log.BackupFailed(_logger, e.Message);
            return false;
        }

        var createdDirectories = new List<string>();
        if (await TryApplyAsync(plan, createdDirectories, commandTimeout, started, applyBudget, cancellationToken).ConfigureAwait(false))
        {
            return true;
        }

        Restore(backups, createdDirectories);
        foreach (var command in plan.RollbackCommands)
        {
            var remaining = budget - _timeProvider.GetElapsedTime(started);
            if (remaining <= TimeSpan.Zero)
            {
                Log.RollbackOutOfTime(_logger, command.ToString());
                break;
            }

            var result = await _runner.RunAsync(command.Arguments, Min(commandTimeout, remaining), cancellationToken).ConfigureAwait(false);
            if (!result.Succeeded)
            {
                Log.RollbackCommandFailed(_logger, command.ToString(), result.ExitCode, result.TimedOut);
            }
        }

        return false;
    }

    private async Task<bool> TryApplyAsync(
        IpConfigPlan plan, List<string> createdDirectories, TimeSpan commandTimeout, long started, TimeSpan applyBudget, CancellationToken cancellationToken)
    {
        var located = plan.Files.ToDictionary(f => f.Path, f => UnderRoot(_root, f.Path), StringComparer.Ordinal);
        if (!await RunAllAsync(plan.PreCommands, located, commandTimeout, started, applyBudget, cancellationToken).ConfigureAwait(false))
        {
            return false;
        }

        try
        {
            foreach (var file in plan.Files)
            {
                Write(UnderRoot(_root, file.Path), System.Text.Encoding.UTF8.GetBytes(file.Content), file.Mode, createdDirectories);
            }

            foreach (var path in plan.RemovedFiles)
            {
                File.Delete(UnderRoot(_root, path));
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Log.WriteFailed(_logger, e.Message);
            return false;
        }

        return await RunAllAsync(plan.Commands, located, commandTimeout, started, applyBudget, cancellationToken).ConfigureAwait(false);
    }

    private async Task<bool> RunAllAsync(
        IReadOnlyList<PlannedCommand> commands, Dictionary<string, string> located, TimeSpan commandTimeout, long started, TimeSpan applyBudget,
        CancellationToken cancellationToken)
    {
        foreach (var command in commands)
        {
            var arguments = command.Arguments.Select(a => located.TryGetValue(a, out var real) ? real : a).ToArray();
            var remaining = applyBudget - _timeProvider.GetElapsedTime(started);
            if (remaining <= TimeSpan.Zero)
            {
                Log.OutOfTime(_logger, command.ToString());
                return false;
            }

            var result = await _runner.RunAsync(arguments, Min(commandTimeout, remaining), cancellationToken).ConfigureAwait(false);
            if (result.Succeeded && (command.ExpectedOutput is null || ContainsWord(result.Output, command.ExpectedOutput)))
            {
                continue;
            }

            if (result.Succeeded)
            {
                // Exit 0 without the expected answer: the tool did not do the work (docs/behaviour.md, IP injection).
                Log.NotConfirmed(_logger, command.ToString(), command.ExpectedOutput!, Bounded(result.Output));
                return false;
            }

            if (command.MayFail && !result.TimedOut)
            {
                Log.OptionalCommandFailed(_logger, command.ToString(), result.ExitCode);
                continue;
            }

            Log.CommandFailed(_logger, command.ToString(), result.ExitCode, result.TimedOut, Bounded(result.Output));
            return false;
        }

        return true;
    }

    /// <summary>
    /// A command's output for the log: trimmed, at most 2000 characters (the runner's cap may be larger), and escaped
    /// like a host's key (<see cref="KvpText.Escape(string)"/>): a tool's output is one log line and cannot forge another.
    /// </summary>
    private static string Bounded(string output)
    {
        var trimmed = output.Trim();
        return KvpText.Escape(trimmed.Length > 2000 ? trimmed[..2000] + "…" : trimmed);
    }

    private FileBackup Backup(string path)
    {
        var full = UnderRoot(_root, path);
        var info = new FileInfo(full);
        if (info.LinkTarget is { } target)
        {
            return new FileBackup(full, true, null, default, target);
        }

        return info.Exists
            ? new FileBackup(full, true, File.ReadAllBytes(full), File.GetUnixFileMode(full), null)
            : new FileBackup(full, false, null, default, null);
    }

    private void Restore(List<FileBackup> backups, List<string> createdDirectories)
    {
        foreach (var backup in backups)
        {
            try
            {
                if (!backup.Existed || backup.LinkTarget is not null)
                {
                    File.Delete(backup.Path);
                }

                if (backup.LinkTarget is not null)
                {
                    File.CreateSymbolicLink(backup.Path, backup.LinkTarget);
                }
                else if (backup.Content is not null)
                {
                    Write(backup.Path, backup.Content, backup.Mode, createdDirectories: null);
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                Log.RestoreFailed(_logger, backup.Path, e.Message);
            }
        }

        foreach (var directory in Enumerable.Reverse(createdDirectories))
        {
            try
            {
                if (Directory.Exists(directory) && !Directory.EnumerateFileSystemEntries(directory).Any())
                {
                    Directory.Delete(directory);
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                Log.RestoreFailed(_logger, directory, e.Message);
            }
        }
    }

    /// <summary>Replaces <paramref name="path"/> atomically with a file of exactly <paramref name="mode"/>.</summary>
    private static void Write(string path, byte[] content, UnixFileMode mode, List<string>? createdDirectories)
    {
        var directory = Path.GetDirectoryName(path) ?? throw new IOException($"No directory in '{path}'.");
        if (!Directory.Exists(directory))
        {
            var missing = new Stack<string>();
            for (var d = directory; d is not null && !Directory.Exists(d); d = Path.GetDirectoryName(d))
            {
                missing.Push(d);
            }

            Directory.CreateDirectory(directory);
            createdDirectories?.AddRange(missing);
        }

        if (File.Exists(path) && IsMountPoint(path))
        {
            // A file mounted in place of its own (a container's or a network namespace's resolv.conf, or one the unit
            // makes writable with ReadWritePaths= inside a read-only /etc) cannot be replaced by a rename, and its
            // directory may not take a temporary file: its content is rewritten where it is. The backup taken before
            // the plan ran restores it on failure.
            File.WriteAllBytes(path, content);
            return;
        }

        var temporary = Path.Combine(directory, $".{Path.GetFileName(path)}.hypervkvpd.tmp");
        try
        {
            var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write, UnixCreateMode = mode };
            using (var stream = new FileStream(temporary, options))
            {
                stream.Write(content);
                stream.Flush(flushToDisk: true);
            }

            // The create mode passed through the umask; the file must have exactly the mode asked for (0600 keyfiles).
            File.SetUnixFileMode(temporary, mode);
            File.Move(temporary, path, overwrite: true);
        }
        catch
        {
            File.Delete(temporary);
            throw;
        }
    }

    /// <summary>True when <paramref name="path"/> is itself mounted: listed as a mount point in /proc/self/mountinfo.</summary>
    private static bool IsMountPoint(string path)
    {
        const string MountInfo = "/proc/self/mountinfo";
        if (!File.Exists(MountInfo))
        {
            return false;
        }

        var full = Path.GetFullPath(path);
        // Field 5 is the mount point, with spaces and the like octal-escaped; the generated paths need no escaping.
        return File.ReadLines(MountInfo).Take(10_000).Any(line => line.Split(' ') is { Length: > 4 } fields && fields[4] == full);
    }

    /// <summary>True when <paramref name="word"/> occurs in <paramref name="output"/> with no letter or digit on either side.</summary>
    private static bool ContainsWord(string output, string word)
    {
        for (var at = output.IndexOf(word, StringComparison.Ordinal); at >= 0; at = output.IndexOf(word, at + 1, StringComparison.Ordinal))
        {
            var end = at + word.Length;
            if ((at == 0 || !char.IsLetterOrDigit(output[at - 1])) && (end == output.Length || !char.IsLetterOrDigit(output[end])))
            {
                return true;
            }
        }

        return false;
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;

    private sealed record FileBackup(string Path, bool Existed, byte[]? Content, UnixFileMode Mode, string? LinkTarget);
}
