// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

using System.Runtime.InteropServices;

namespace KvpDaemon.Cli;

/// <summary>
/// SIGINT and SIGTERM for hvkvp's own process: the first one cancels the command's token (watch then exits 0, wait
/// 130); a command that has not returned <see cref="GracePeriod"/> later ends with the shell's 128 + signal number.
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

    private readonly CancellationTokenSource _cancellation = new();
    private readonly TaskCompletionSource<int> _forced = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TimeSpan _gracePeriod;
    private readonly PosixSignalRegistration? _interrupt;
    private readonly PosixSignalRegistration? _terminate;
    private int _signalled;

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
    /// Runs <paramref name="command"/> with <see cref="Token"/>; its status, or 128 + signal number when it has not
    /// returned within the grace period after a signal.
    /// </summary>
    public async Task<int> RunAsync(Func<CancellationToken, Task<int>> command)
    {
        ArgumentNullException.ThrowIfNull(command);
        var run = command(Token);
        var first = await Task.WhenAny(run, _forced.Task).ConfigureAwait(false);
        return await first.ConfigureAwait(false);
    }

    /// <summary>The runtime's callback for both signals; stops the default action (termination).</summary>
    internal void OnSignal(PosixSignalContext context)
    {
        context.Cancel = true;
        if (Interlocked.Exchange(ref _signalled, 1) != 0)
        {
            return;
        }

        // The shell's convention for a command a signal ended: 128 + its number (130 for SIGINT, 143 for SIGTERM).
        var status = 128 + (context.Signal == PosixSignal.SIGINT ? Interop.Libc.SIGINT : Interop.Libc.SIGTERM);
        _cancellation.Cancel();
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
        _cancellation.Dispose();
    }
}
