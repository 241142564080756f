// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

using System.ComponentModel;
using System.Diagnostics;

namespace KvpDaemon.IpConfig;

/// <summary>
/// <see cref="ICommandRunner"/> over <see cref="Process"/>: <see cref="ProcessStartInfo.ArgumentList"/> (no shell,
/// no quoting), stdin closed, a C locale, and on timeout <c>Kill(entireProcessTree: true)</c> so that a script's
/// children die with it (QUIRK-29: an answer after the kernel's timeout is taken for the next request).
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

    public async Task<CommandResult> RunAsync(IReadOnlyList<string> arguments, TimeSpan timeout, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        ArgumentOutOfRangeException.ThrowIfZero(arguments.Count);
        var startInfo = new ProcessStartInfo(arguments[0])
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in arguments.Skip(1))
        {
            startInfo.ArgumentList.Add(argument);
        }

        startInfo.Environment["LC_ALL"] = "C";

        using var process = new Process { StartInfo = startInfo };
        try
        {
            process.Start();
        }
        catch (Win32Exception e)
        {
            return new CommandResult(127, false, e.Message);
        }

        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
        var stderr = process.StandardError.ReadToEndAsync(CancellationToken.None);

        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            await process.WaitForExitAsync(deadline.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            Kill(process);
            cancellationToken.ThrowIfCancellationRequested();
            return new CommandResult(-1, true, await CollectAsync(stdout, stderr).ConfigureAwait(false));
        }

        return new CommandResult(process.ExitCode, false, await CollectAsync(stdout, stderr).ConfigureAwait(false));
    }

    private static void Kill(Process process)
    {
        try
        {
            process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // It exited between the timeout and the kill.
        }
    }

    private static async Task<string> CollectAsync(Task<string> stdout, Task<string> stderr)
    {
        try
        {
            await Task.WhenAll(stdout, stderr).WaitAsync(OutputGrace).ConfigureAwait(false);
        }
        catch (Exception e) when (e is TimeoutException or IOException)
        {
            // Output held open by an orphaned descendant, or a broken pipe: keep what arrived.
        }

        var text = (stdout.IsCompletedSuccessfully ? stdout.Result : string.Empty) + (stderr.IsCompletedSuccessfully ? stderr.Result : string.Empty);
        return text.Length > MaxOutput ? text[..MaxOutput] : text;
    }
}
