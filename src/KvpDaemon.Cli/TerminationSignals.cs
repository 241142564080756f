// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

using System.Runtime.InteropServices;

namespace KvpDaemon.Cli;

/// <summary>
/// SIGINT and SIGTERM for hvkvp's own process: the first one cancels the command's token (watch then exits 0, wait
/// 130); a command that has not returned <see cref="GracePeriod"/> later, or a second signal, ends hvkvp at once with
/// the shell's 128 + signal number.
/// </summary>
/// <remarks>
/// The handlers are registered when this object is created, before any command code runs. System.CommandLine's own
/// handling (<c>ProcessTerminationTimeout</c>) starts the command first and registers afterwards, so a signal sent
/// as soon as watch printed its first line could still meet the runtime's default action and exit 143.
/// PosixSignalRegistration rather than Mono.Posix: it is the runtime's own dispatch, on Linux and FreeBSD alike.
/// </remarks>
internal sealed class TerminationSignals : IDisposable
{
    /// <summary>
    /// How long a command has to return after the first signal. watch and wait return within milliseconds, about a
    /// second on a machine with 16 times more runnable threads than cores; this is for a command stuck in I/O.
    /// </summary>
    public static readonly TimeSpan GracePeriod = TimeSpan.FromSeconds(5);

    // Never disposed: a handler already dispatched when Dispose runs may still cancel it, and it holds nothing
    // unmanaged (no timer, and nobody asks for its wait handle).
    private readonly CancellationTokenSource _cancellation = new();
    private readonly TaskCompletionSource<int> _forced = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TimeSpan _gracePeriod;
    private readonly PosixSignalRegistration? _interrupt;
    private readonly PosixSignalRegistration? _terminate;
    private int _signals;

    private TerminationSignals(TimeSpan gracePeriod, bool register)
    {
        _gracePeriod = gracePeriod;
        if (register)
        {
            _interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal);
            _terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal);
        }
    }

    /// <summary>Cancelled by the first SIGINT or SIGTERM.</summary>
    public CancellationToken Token => _cancellation.Token;

    /// <summary>Handles SIGINT and SIGTERM from now until disposal.</summary>
    public static TerminationSignals Register() => new(GracePeriod, register: true);

    /// <summary>Registers nothing: <see cref="OnSignal"/> is called by a test instead of the runtime.</summary>
    internal static TerminationSignals ForTest(TimeSpan gracePeriod) => new(gracePeriod, register: false);

    /// <summary>
    /// Runs <paramref name="command"/> with <see cref="Token"/> on the thread pool; its status, or 128 + signal number
    /// when it has not returned within the grace period after a signal. On the pool, because most commands do their
    /// work (a lock wait, a password prompt) before their first await: the caller's thread must stay free to return
    /// the forced status.
    /// </summary>
    public async Task<int> RunAsync(Func<CancellationToken, Task<int>> command)
    {
        var run = Task.Run(() => command(Token), CancellationToken.None);
        var first = await Task.WhenAny(run, _forced.Task).ConfigureAwait(false);
        return await first.ConfigureAwait(false);
    }

    /// <summary>The runtime's callback for both signals; stops the default action (termination). Never throws.</summary>
    internal void OnSignal(PosixSignalContext context)
    {
        context.Cancel = true;

        // The shell's convention for a command a signal ended: 128 + its number (130 for SIGINT, 143 for SIGTERM).
        var status = 128 + (context.Signal == PosixSignal.SIGINT ? Interop.Libc.SIGINT : Interop.Libc.SIGTERM);
        if (Interlocked.Increment(ref _signals) > 1)
        {
            // A second signal: the user does not want to wait for the grace period.
            _forced.TrySetResult(status);
            return;
        }

        try
        {
            _cancellation.Cancel();
        }
        catch (AggregateException)
        {
            // A callback the command registered failed; the token is cancelled all the same.
        }

        _ = Task.Delay(_gracePeriod, CancellationToken.None).ContinueWith(
            _ => _forced.TrySetResult(status),
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
    }

    public void Dispose()
    {
        _interrupt?.Dispose();
        _terminate?.Dispose();
    }
}
