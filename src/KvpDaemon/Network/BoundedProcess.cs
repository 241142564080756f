// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

using System.Diagnostics;
using System.Text;

namespace KvpDaemon.Network;

/// <summary>
/// Runs a helper program without a shell (argument vector only) under a hard time limit: the one place the daemon
/// starts other programs, for the network helper scripts and the IP configuration commands alike
/// (docs/reliability.md, "Hostile local users, helpers and servers").
/// </summary>
/// <remarks>
/// <para>Each output stream is read to its end but only its first <see cref="MaxOutputBytes"/> are kept: a helper that
/// prints 300 MB costs 64 KiB of memory, and never blocks on a full pipe.</para>
/// <para>On Linux the helper starts through <c>setsid(1)</c> (util-linux), which execs it as the leader of a new
/// session and process group, so its pid is the group's id. A timeout kills the whole group with one
/// <c>kill(-pgid, SIGKILL)</c>: a child that forked twice and was re-parented to init is still in the group, where the
/// tree walk of <see cref="Process.Kill(bool)"/> no longer finds it. The tree walk follows as a backstop, and is all
/// there is on FreeBSD, whose base system has no setsid(1), and on a Linux without util-linux. A helper that calls
/// setsid(2) itself (a DHCP client daemonizing) leaves the group on purpose and is not chased.</para>
/// </remarks>
internal static class BoundedProcess
{
    /// <summary>The most bytes kept of each output stream; the rest is read and discarded.</summary>
    public const int MaxOutputBytes = 64 * 1024;

    /// <summary>Where util-linux installs setsid(1) (merged /usr and split layouts).</summary>
    private static readonly string[] SetsidPaths = ["/usr/bin/setsid", "/bin/setsid"];

    /// <summary>The outcome of one <see cref="Run"/>; <paramref name="Output"/> is null when the run did not complete normally.</summary>
    internal sealed record Result(string? Output, int? ExitCode, string? Failure);

    /// <summary>The outcome of one <see cref="RunAsync"/>.</summary>
    /// <param name="ExitCode">The exit status, or null when it did not exit by itself (timed out, killed, not started).</param>
    /// <param name="TimedOut">The time limit passed and the process group was killed.</param>
    /// <param name="StartFailure">Why the program could not be started, or null.</param>
    /// <param name="StandardOutput">The first <see cref="MaxOutputBytes"/> of standard output, as UTF-8.</param>
    /// <param name="StandardError">The first <see cref="MaxOutputBytes"/> of standard error, as UTF-8.</param>
    /// <param name="OutputClosed">Both streams reached their end: no descendant still holds them open.</param>
    internal sealed record Outcome(int? ExitCode, bool TimedOut, string? StartFailure, string StandardOutput, string StandardError, bool OutputClosed);

    /// <summary>
    /// Runs <paramref name="fileName"/> and returns its standard output (standard error is read and dropped), waiting at
    /// most <paramref name="timeout"/> for the process and its output together.
    /// </summary>
    public static Result Run(string fileName, IReadOnlyList<string> arguments, TimeSpan timeout)
    {
        var outcome = RunAsync([fileName, .. arguments], timeout, outputWait: null, environment: null, CancellationToken.None)
            .GetAwaiter().GetResult();
        return outcome switch
        {
            { StartFailure: { } failure } => new Result(null, null, failure),
            { TimedOut: true } => new Result(null, null, "timed out"),
            { OutputClosed: false } => new Result(null, outcome.ExitCode, "output not closed in time"),
            _ => new Result(outcome.StandardOutput, outcome.ExitCode, null),
        };
    }

    /// <summary>
    /// Runs <paramref name="arguments"/> (<c>[0]</c> is the program): stdin closed, both outputs captured up to
    /// <see cref="MaxOutputBytes"/>, and past <paramref name="timeout"/> (or on cancellation) its process group killed.
    /// </summary>
    /// <param name="arguments">The program and its arguments.</param>
    /// <param name="timeout">The limit for the process to exit.</param>
    /// <param name="outputWait">How long to wait for the outputs to close after the process exited; null: the rest of
    /// <paramref name="timeout"/>. A daemon the helper started may hold them open forever; then the group is killed.</param>
    /// <param name="environment">Variables to set for the helper, over the daemon's own.</param>
    /// <param name="cancellationToken">Ends the run early (SIGTERM).</param>
    /// <exception cref="OperationCanceledException">Cancelled (SIGTERM); the process group was killed first.</exception>
    public static async Task<Outcome> RunAsync(
        IReadOnlyList<string> arguments,
        TimeSpan timeout,
        TimeSpan? outputWait,
        IReadOnlyDictionary<string, string>? environment,
        CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfZero(arguments.Count);
        if (Locate(arguments[0]) is null)
        {
            return new Outcome(null, false, $"{arguments[0]}: No such file or directory", string.Empty, string.Empty, true);
        }

        var setsid = OperatingSystem.IsLinux() ? Array.Find(SetsidPaths, File.Exists) : null;
        var startInfo = new ProcessStartInfo(setsid ?? arguments[0])
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            CreateNoWindow = true,
        };
        foreach (var argument in setsid is null ? arguments.Skip(1) : arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            startInfo.Environment[name] = value;
        }

        using var process = new Process { StartInfo = startInfo };
        try
        {
            process.Start();
        }
        catch (System.ComponentModel.Win32Exception exception)
        {
            return new Outcome(null, false, exception.Message, string.Empty, string.Empty, true);
        }

        var groupLeader = setsid is null ? (int?)null : process.Id;
        process.StandardInput.Close();
        var stdout = ReadCappedAsync(process.StandardOutput.BaseStream);
        var stderr = ReadCappedAsync(process.StandardError.BaseStream);
        var started = Stopwatch.StartNew();

        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            await process.WaitForExitAsync(deadline.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            KillGroup(process, groupLeader);
            cancellationToken.ThrowIfCancellationRequested();
            var (timedOutput, timedError, _) = await CollectAsync(stdout, stderr, TimeSpan.FromMilliseconds(250)).ConfigureAwait(false);
            return new Outcome(null, true, null, timedOutput, timedError, false);
        }

        var wait = outputWait ?? (timeout - started.Elapsed);
        var (output, error, closed) = await CollectAsync(stdout, stderr, wait > TimeSpan.Zero ? wait : TimeSpan.Zero).ConfigureAwait(false);
        if (!closed && outputWait is null)
        {
            // A descendant still holds the output open past the limit: it goes with its group.
            KillGroup(process, groupLeader);
        }

        return new Outcome(process.ExitCode, false, null, output, error, closed);
    }

    /// <summary>The program's path if it exists: as given when it names a path, else the first match on PATH.</summary>
    private static string? Locate(string program)
    {
        if (program.Contains('/', StringComparison.Ordinal))
        {
            return File.Exists(program) ? program : null;
        }

        var path = Environment.GetEnvironmentVariable("PATH") ?? string.Empty;
        return path.Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Select(directory => Path.Combine(directory, program))
            .FirstOrDefault(File.Exists);
    }

    /// <summary>Reads <paramref name="stream"/> to its end, keeping the first <see cref="MaxOutputBytes"/>.</summary>
    private static async Task<byte[]> ReadCappedAsync(Stream stream)
    {
        var kept = new MemoryStream();
        var buffer = new byte[16 * 1024];
        int read;
        while ((read = await stream.ReadAsync(buffer).ConfigureAwait(false)) > 0)
        {
            var room = MaxOutputBytes - (int)kept.Length;
            if (room > 0)
            {
                kept.Write(buffer, 0, Math.Min(room, read));
            }
        }

        return kept.ToArray();
    }

    private static async Task<(string Output, string Error, bool Closed)> CollectAsync(Task<byte[]> stdout, Task<byte[]> stderr, TimeSpan wait)
    {
        var closed = true;
        try
        {
            await Task.WhenAll(stdout, stderr).WaitAsync(wait).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            closed = false;
        }
        catch (IOException)
        {
            // A broken pipe: keep what arrived.
        }

        return (Text(stdout), Text(stderr), closed);
    }

    private static string Text(Task<byte[]> read) =>
        read.IsCompletedSuccessfully ? Encoding.UTF8.GetString(read.Result) : string.Empty;

    /// <summary>SIGKILL to the helper's process group (when it has one of its own), then the tree walk as a backstop.</summary>
    private static void KillGroup(Process process, int? groupLeader)
    {
        if (groupLeader is { } group)
        {
            // ESRCH (the group is gone already) is the only expected failure; nothing to do about any other.
            _ = Interop.Libc.Kill(-group, Interop.Libc.SIGKILL);
        }

        try
        {
            process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // It exited between the timeout and the kill.
        }
        catch (Exception exception) when (exception is AggregateException or System.ComponentModel.Win32Exception)
        {
            // The tree walk found a descendant it could not kill (gone meanwhile, or not ours). The group's SIGKILL above
            // already reached every process that stayed in the group; a failure here must not reach the request loop.
        }
    }
}
