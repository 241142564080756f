// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

using System.Diagnostics;

namespace KvpDaemon.IntegrationTests.FirstHour;

/// <summary>
/// A program left running (a daemon, the WS-Management lab) whose standard output and error lines are collected as
/// they come, so a test waits for a line (an event) instead of sleeping. Disposing kills what is still running.
/// </summary>
internal sealed class RunningProgram : IDisposable
{
    private readonly List<string> _lines = [];
    private readonly SemaphoreSlim _arrived = new(0);

    public RunningProgram(ProcessStartInfo startInfo)
    {
        startInfo.RedirectStandardOutput = true;
        startInfo.RedirectStandardError = true;
        Process = new Process { StartInfo = startInfo };
        Process.OutputDataReceived += (_, e) => Add(e.Data);
        Process.ErrorDataReceived += (_, e) => Add(e.Data);
        Process.Start();
        Process.BeginOutputReadLine();
        Process.BeginErrorReadLine();
    }

    public Process Process { get; }

    public string Text
    {
        get
        {
            lock (_lines)
            {
                return string.Join('\n', _lines);
            }
        }
    }

    /// <summary>The first line that matches, waiting for it up to <paramref name="guard"/>.</summary>
    public async Task<string> WaitForLineAsync(Func<string, bool> match, TimeSpan guard)
    {
        using var limit = new CancellationTokenSource(guard);
        while (true)
        {
            lock (_lines)
            {
                if (_lines.FirstOrDefault(match) is { } line)
                {
                    return line;
                }
            }

            try
            {
                await _arrived.WaitAsync(limit.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"No such line within {guard.TotalSeconds} s; got:\n{Text}");
            }
        }
    }

    public void Dispose()
    {
        try
        {
            if (!Process.HasExited)
            {
                Process.Kill(entireProcessTree: true);
                Process.WaitForExit(ProgramRun.Guard);
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }

        Process.Dispose();
        _arrived.Dispose();
    }

    private void Add(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_lines)
        {
            _lines.Add(line);
        }

        _arrived.Release();
    }
}
