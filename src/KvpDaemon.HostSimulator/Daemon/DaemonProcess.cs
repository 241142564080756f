// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using KvpDaemon.Protocol;

namespace KvpDaemon.HostSimulator.Daemon;

/// <summary>
/// The real daemon executable running against a host simulator
/// (<c>hypervkvpd --device unix:PATH --pool-dir DIR --abi linux|freebsd [-d]</c>), for the demo, the benchmark and
/// integration tests. Its stdout and stderr go to a bounded in-memory <see cref="Log"/> to dump on failure.
/// </summary>
/// <remarks>
/// Ownership: this object owns the child process. <see cref="DisposeAsync"/> never leaves it running: SIGTERM first
/// (the daemon's orderly shutdown), SIGKILL when it does not exit in time.
/// </remarks>
internal sealed class DaemonProcess : IAsyncDisposable
{
    /// <summary>The apphost name: the daemon's assembly name (src/KvpDaemon/KvpDaemon.csproj).</summary>
    public const string ExecutableName = "hypervkvpd";

    private static readonly TimeSpan DisposeStopTimeout = TimeSpan.FromSeconds(5);

    private readonly Process _process;
    private bool _disposed;

    private DaemonProcess(Process process, long startTimestamp, BoundedLog log, IReadOnlyList<string> arguments)
    {
        _process = process;
        StartTimestamp = startTimestamp;
        Log = log;
        Arguments = arguments;
    }

    public int Pid => _process.Id;

    /// <summary><see cref="Stopwatch.GetTimestamp"/> just before the process was started.</summary>
    public long StartTimestamp { get; }

    /// <summary>The daemon's output, stdout lines prefixed "out: ", stderr lines "err: ".</summary>
    public BoundedLog Log { get; }

    /// <summary>The argument vector the daemon was started with (for failure messages).</summary>
    public IReadOnlyList<string> Arguments { get; }

    public bool HasExited => _process.HasExited;

    /// <summary>The exit code once the process has exited, else null.</summary>
    public int? ExitCode => _process.HasExited ? _process.ExitCode : null;

    /// <summary>
    /// Starts the daemon against the simulator listening on <paramref name="socketPath"/>. The daemon connects by itself
    /// (it retries until the socket exists); wait for it with <c>KvpHostSimulator.WaitForRegistrationAsync</c>.
    /// </summary>
    public static DaemonProcess Start(string socketPath, string poolDirectory, KvpAbi abi, DaemonProcessOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(socketPath);
        ArgumentException.ThrowIfNullOrEmpty(poolDirectory);
        options ??= new DaemonProcessOptions();

        var executable = LocateExecutable(options.ExecutablePath);
        var prefix = options.CommandPrefix;
        var startInfo = new ProcessStartInfo(prefix.Count > 0 ? prefix[0] : executable)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        string[] standard = ["--device", "unix:" + socketPath, "--pool-dir", poolDirectory, "--abi", abi.Name];
        IEnumerable<string> wrapped = prefix.Count > 0 ? [.. prefix.Skip(1), executable] : [];
        foreach (var argument in wrapped.Concat(standard).Concat(options.Debug ? ["-d"] : []).Concat(options.ExtraArguments))
        {
            startInfo.ArgumentList.Add(argument);
        }

        // The apphost looks for the runtime in DOTNET_ROOT, then in the global locations; a runtime installed elsewhere
        // (a CI tool cache, ~/.dotnet) is found only through DOTNET_ROOT, so pass on the one running this process.
        if (string.IsNullOrEmpty(System.Environment.GetEnvironmentVariable("DOTNET_ROOT")) && FindDotnetRoot() is { } root)
        {
            startInfo.Environment["DOTNET_ROOT"] = root;
        }

        foreach (var (name, value) in options.Environment)
        {
            startInfo.Environment[name] = value;
        }

        var log = new BoundedLog(options.LogCapacity);
        var process = new Process { StartInfo = startInfo };
        process.OutputDataReceived += (_, e) => AppendLine(log, "out: ", e.Data);
        process.ErrorDataReceived += (_, e) => AppendLine(log, "err: ", e.Data);
        var timestamp = Stopwatch.GetTimestamp();
        try
        {
            process.Start();
        }
        catch
        {
            process.Dispose();
            throw;
        }

        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return new DaemonProcess(process, timestamp, log, startInfo.ArgumentList.ToArray());
    }

    /// <summary>
    /// The daemon executable: <paramref name="explicitPath"/> if given, else the <c>hypervkvpd</c> apphost in
    /// <see cref="AppContext.BaseDirectory"/> (the simulator references the daemon project, so its build output lands
    /// there).
    /// </summary>
    /// <exception cref="FileNotFoundException">The executable does not exist.</exception>
    public static string LocateExecutable(string? explicitPath)
    {
        var path = string.IsNullOrEmpty(explicitPath)
            ? Path.Combine(AppContext.BaseDirectory, ExecutableName)
            : Path.GetFullPath(explicitPath);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException(
                string.IsNullOrEmpty(explicitPath)
                    ? $"The daemon executable '{ExecutableName}' is not next to the simulator ({path}); build the solution or pass --daemon PATH."
                    : $"The daemon executable '{path}' does not exist.",
                path);
        }

        return path;
    }

    /// <summary>Waits for the daemon to exit by itself.</summary>
    public Task WaitForExitAsync(CancellationToken cancellationToken) => _process.WaitForExitAsync(cancellationToken);

    /// <summary>
    /// Asks the daemon to stop with SIGTERM and waits up to <paramref name="timeout"/>; then kills it (SIGKILL) and
    /// waits for that. Returns the exit code (128 + signal when killed by a signal).
    /// </summary>
    public async Task<int> StopAsync(TimeSpan timeout)
    {
        if (!_process.HasExited)
        {
            // ESRCH means it exited between the check and the signal: nothing to do.
            _ = Interop.Libc.Kill(_process.Id, Interop.Libc.SIGTERM);
            using var expiry = new CancellationTokenSource(timeout);
            try
            {
                await _process.WaitForExitAsync(expiry.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                AppendLine(Log, "sim: ", $"no exit {timeout.TotalSeconds:0.#} s after SIGTERM; sending SIGKILL");
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
            }
        }
        else
        {
            // Also drains the redirected output.
            await _process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
        }

        return _process.ExitCode;
    }

    /// <summary>
    /// The daemon's peak resident set size (VmHWM of /proc/PID/status) in KiB; null where there is no such file (the
    /// process has exited, or the OS is not Linux). Read it before <see cref="StopAsync"/>.
    /// </summary>
    public long? ReadPeakRssKiB()
    {
        if (!OperatingSystem.IsLinux())
        {
            return null;
        }

        try
        {
            return ParseVmHwmKiB(File.ReadAllText($"/proc/{Pid}/status"));
        }
        catch (IOException)
        {
            return null;
        }
    }

    /// <summary>The VmHWM line of a /proc/PID/status text ("VmHWM:\t   12345 kB"), in KiB; null if absent.</summary>
    public static long? ParseVmHwmKiB(string statusText)
    {
        foreach (var line in statusText.Split('\n'))
        {
            if (!line.StartsWith("VmHWM:", StringComparison.Ordinal))
            {
                continue;
            }

            var fields = line["VmHWM:".Length..].Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length == 2 && fields[1] == "kB" &&
                long.TryParse(fields[0], NumberStyles.None, CultureInfo.InvariantCulture, out var kib))
            {
                return kib;
            }

            return null;
        }

        return null;
    }

    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        try
        {
            await StopAsync(DisposeStopTimeout).ConfigureAwait(false);
        }
        finally
        {
            _process.Dispose();
        }
    }

    public override string ToString() =>
        $"{_process.StartInfo.FileName} {string.Join(' ', Arguments)} (pid {Pid})";

    private static void AppendLine(BoundedLog log, string prefix, string? line)
    {
        // A null line marks the end of the stream.
        if (line is not null)
        {
            log.Append(prefix + line);
        }
    }

    /// <summary>
    /// The root of the running .NET installation: the shared framework directory is ROOT/shared/Microsoft.NETCore.App/VER/.
    /// </summary>
    private static string? FindDotnetRoot()
    {
        var runtimeDirectory = RuntimeEnvironment.GetRuntimeDirectory();
        var root = Path.GetFullPath(Path.Combine(runtimeDirectory, "..", "..", ".."));
        return Directory.Exists(Path.Combine(root, "host", "fxr")) ? root : null;
    }
}
