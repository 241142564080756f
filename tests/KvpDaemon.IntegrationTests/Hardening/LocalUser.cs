// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

using System.Diagnostics;

namespace KvpDaemon.IntegrationTests.Hardening;

/// <summary>
/// A command run as user nobody (<c>setpriv --reuid=65534 --regid=65534 --clear-groups</c>), standing in for any
/// unprivileged local user. <see cref="Started"/> completes when the command prints its first line, so the test waits
/// on an event, not a sleep. Killed on dispose.
/// </summary>
internal sealed class LocalUser : IDisposable
{
    private readonly Process _process;

    private LocalUser(Process process, Task<string?> firstLine)
    {
        _process = process;
        Started = firstLine;
    }

    public Task<string?> Started { get; }

    public static LocalUser Run(params string[] command)
    {
        var startInfo = new ProcessStartInfo("setpriv")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in (string[])["--reuid=65534", "--regid=65534", "--clear-groups", "--", .. command])
        {
            startInfo.ArgumentList.Add(argument);
        }

        var process = Process.Start(startInfo)!;
        return new LocalUser(process, process.StandardOutput.ReadLineAsync());
    }

    /// <summary>Waits for the first line; fails with the command's error output if it ends first.</summary>
    public async Task WaitStartedAsync()
    {
        var line = await Started.WaitAsync(TimeSpan.FromSeconds(30));
        if (line is null)
        {
            throw new Xunit.Sdk.XunitException($"The local user's command ended early: {await _process.StandardError.ReadToEndAsync()}");
        }
    }

    public void Dispose()
    {
        try
        {
            _process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
        }

        _process.Dispose();
    }
}
