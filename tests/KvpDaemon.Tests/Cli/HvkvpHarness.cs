// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

using KvpDaemon.Cli;
using KvpDaemon.Platform;
using KvpDaemon.Pools;
using KvpDaemon.Tests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;

namespace KvpDaemon.Tests.Cli;

/// <summary>
/// Runs hvkvp in-process against a temporary pool directory, capturing its output and exit status; and plays the
/// other writer (the daemon, for the host) through a second <see cref="KvpPoolStore"/> on the same files.
/// </summary>
internal sealed class HvkvpHarness : IDisposable
{
    private readonly TempDirectory _directory = new();
    private readonly Lazy<KvpPoolStore> _writer;
    private readonly Dictionary<string, string?> _environment = [];

    public HvkvpHarness()
    {
        _writer = new Lazy<KvpPoolStore>(() => new KvpPoolStore(PoolDirectory, Dialect, NullLogger.Instance));
    }

    public KvpDialect Dialect { get; } = KvpDialect.ForCurrentOperatingSystem();

    public string PoolDirectory => _directory.Path;

    /// <summary>Another process's view of the pool files, as the daemon would write them.</summary>
    public KvpPoolStore Writer => _writer.Value;

    public IDictionary<string, string?> Environment => _environment;

    public string PoolPath(byte pool) => _directory.Combine(KvpPoolStore.FileName(pool));

    /// <summary>Creates the five pool files, as the daemon does at start.</summary>
    public HvkvpHarness WithPoolFiles()
    {
        Writer.Open();
        return this;
    }

    /// <summary>Runs hvkvp with <c>--pool-dir</c> set to the temporary directory.</summary>
    public CliResult Run(params string[] args) => RunWithoutPoolDirectory(["--pool-dir", PoolDirectory, .. args]);

    public CliResult RunWithoutPoolDirectory(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exitCode = CreateApp(null).Run(args, output, error);
        return new CliResult(exitCode, output.ToString(), error.ToString());
    }

    /// <summary>Starts a long-running command (watch, wait); its Started task completes once it follows the pool.</summary>
    public RunningCommand Start(CancellationToken cancellationToken, params string[] args)
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var output = new LineWriter();
        var error = new LineWriter();
        var app = CreateApp(() => started.TrySetResult());
        var task = Task.Run(() => app.RunAsync(["--pool-dir", PoolDirectory, .. args], output, error, cancellationToken), CancellationToken.None);

        // A command that fails before following the pool must not leave the test waiting for "started".
        _ = task.ContinueWith(_ => started.TrySetResult(), TaskScheduler.Default);
        return new RunningCommand(task, started.Task, output, error);
    }

    public void Dispose()
    {
        if (_writer.IsValueCreated)
        {
            _writer.Value.Dispose();
        }

        _directory.Dispose();
    }

    private HvkvpApp CreateApp(Action? followerStarted) =>
        new(Dialect, name => _environment.TryGetValue(name, out var value) ? value : null, followerStarted);
}

/// <summary>What one run printed and returned.</summary>
internal sealed record CliResult(int ExitCode, string Output, string Error);

/// <summary>A watch or wait in progress.</summary>
internal sealed record RunningCommand(Task<int> Completion, Task Started, LineWriter Output, LineWriter Error);
