// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

using System.Diagnostics;
using KvpDaemon.HostSimulator.Simulation;
using KvpDaemon.Protocol;

namespace KvpDaemon.HostSimulator.Daemon;

/// <summary>
/// A real daemon registered with a simulator, in a fresh temporary directory that holds the socket and the pool
/// directory: the set-up shared by the demo, the benchmark and integration tests.
/// </summary>
/// <remarks>
/// Ownership: the session owns the daemon process, the simulator and the temporary directory; disposing it stops the
/// daemon (SIGTERM, then SIGKILL), closes the simulator and deletes the directory.
/// </remarks>
internal sealed class DaemonSession : IAsyncDisposable
{
    private bool _disposed;

    private DaemonSession(string directory, string poolDirectory, KvpHostSimulator simulator, DaemonProcess daemon)
    {
        Directory = directory;
        PoolDirectory = poolDirectory;
        Simulator = simulator;
        Daemon = daemon;
    }

    /// <summary>The temporary directory (deleted on dispose).</summary>
    public string Directory { get; }

    /// <summary>The daemon's <c>--pool-dir</c>, where <c>.kvp_pool_0</c> to <c>.kvp_pool_4</c> live.</summary>
    public string PoolDirectory { get; }

    public KvpHostSimulator Simulator { get; }

    public DaemonProcess Daemon { get; }

    /// <summary>From just before the process started to the arrival of its registration datagram.</summary>
    public TimeSpan StartToRegistration =>
        Stopwatch.GetElapsedTime(Daemon.StartTimestamp, Simulator.LastRegistrationTimestamp);

    /// <summary>
    /// Creates the directory, listens, starts the daemon and waits for its registration.
    /// </summary>
    /// <exception cref="KvpSimulatorException">The daemon exited before registering; the message holds its log.</exception>
    /// <exception cref="TimeoutException">No registration within <paramref name="registrationTimeout"/>.</exception>
    /// <param name="abi">The kernel ABI the simulator plays.</param>
    /// <param name="options">How to start the daemon.</param>
    /// <param name="registrationTimeout">How long to wait for the daemon's registration.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <param name="poolDirectory">An existing pool directory to serve (a restart); it is not deleted on dispose.
    /// Null: a new one inside the session's temporary directory.</param>
    public static async Task<DaemonSession> StartAsync(
        KvpAbi abi,
        DaemonProcessOptions? options,
        TimeSpan registrationTimeout,
        CancellationToken cancellationToken,
        string? poolDirectory = null)
    {
        // sun_path holds 107 bytes: keep the socket in a short directory of its own.
        var directory = System.IO.Directory.CreateTempSubdirectory("hvkvp-").FullName;
        poolDirectory ??= Path.Combine(directory, "pool");
        System.IO.Directory.CreateDirectory(poolDirectory);
        KvpHostSimulator? simulator = null;
        DaemonProcess? daemon = null;
        try
        {
            simulator = KvpHostSimulator.Listen(Path.Combine(directory, "kvp.sock"), abi);
            daemon = DaemonProcess.Start(simulator.SocketPath, poolDirectory, abi, options);
            await WaitForRegistrationAsync(simulator, daemon, registrationTimeout, cancellationToken).ConfigureAwait(false);
            return new DaemonSession(directory, poolDirectory, simulator, daemon);
        }
        catch
        {
            if (daemon is not null)
            {
                await daemon.DisposeAsync().ConfigureAwait(false);
            }

            if (simulator is not null)
            {
                await simulator.DisposeAsync().ConfigureAwait(false);
            }

            DeleteDirectory(directory);
            throw;
        }
    }

    /// <summary>The daemon's command line and its captured output, for a failure message.</summary>
    public string DescribeDaemon() => Describe(Daemon);

    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        try
        {
            await Daemon.DisposeAsync().ConfigureAwait(false);
        }
        finally
        {
            await Simulator.DisposeAsync().ConfigureAwait(false);
            DeleteDirectory(Directory);
        }
    }

    /// <summary>
    /// Waits for the registration, but gives up at once when the daemon exits first (a bad argument, a missing runtime)
    /// instead of waiting out the timeout.
    /// </summary>
    private static async Task WaitForRegistrationAsync(
        KvpHostSimulator simulator, DaemonProcess daemon, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(timeout);
        var registration = simulator.WaitForRegistrationAsync(limit.Token);
        var exit = daemon.WaitForExitAsync(limit.Token);
        try
        {
            if (await Task.WhenAny(registration, exit).ConfigureAwait(false) == exit && !registration.IsCompleted)
            {
                await limit.CancelAsync().ConfigureAwait(false);
                await IgnoreCancellationAsync(registration).ConfigureAwait(false);
                throw new KvpSimulatorException($"The daemon exited before registering. {Describe(daemon)}");
            }

            await registration.ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException(
                $"The daemon did not register within {timeout.TotalSeconds:0.#} s. {Describe(daemon)}");
        }
        finally
        {
            await limit.CancelAsync().ConfigureAwait(false);
            await IgnoreCancellationAsync(exit).ConfigureAwait(false);
        }
    }

    private static async Task IgnoreCancellationAsync(Task task)
    {
        try
        {
            await task.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Expected: the wait was cancelled because the other one finished.
        }
    }

    private static string Describe(DaemonProcess daemon)
    {
        var state = daemon.ExitCode is { } code ? $"exited with code {code}" : "running";
        return $"Daemon: {daemon} ({state}). Its output:{Environment.NewLine}{daemon.Log}";
    }

    private static void DeleteDirectory(string directory)
    {
        try
        {
            System.IO.Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a temporary directory left behind is harmless.
        }
        catch (UnauthorizedAccessException)
        {
            // Same as above.
        }
    }
}
