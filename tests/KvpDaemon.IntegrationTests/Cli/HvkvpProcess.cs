// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

using System.Diagnostics;
using KvpDaemon.IntegrationTests.FirstHour;

namespace KvpDaemon.IntegrationTests.Cli;

/// <summary>
/// Runs the built hvkvp apphost as a child process. It is next to the tests because this project references the CLI
/// project, as the daemon's apphost is (see DaemonProcess.LocateExecutable). Timeouts only guard against hangs.
/// </summary>
internal static class HvkvpProcess
{
    public const string ExecutableName = "hvkvp";

    public static readonly TimeSpan Guard = ProgramRun.Guard;

    /// <summary>The apphost in the test output directory.</summary>
    public static string LocateExecutable()
    {
        var path = Path.Combine(AppContext.BaseDirectory, ExecutableName);
        return File.Exists(path)
            ? path
            : throw new FileNotFoundException($"The hvkvp executable is not next to the tests ({path}); build the test project.", path);
    }

    /// <summary>Starts hvkvp with redirected standard streams (as ProgramRun starts every program); the caller owns it.</summary>
    public static Process Start(params string[] arguments) =>
        Process.Start(ProgramRun.StartInfo(Path.GetFileName(LocateExecutable()), arguments))!;

    /// <summary>Runs hvkvp to completion.</summary>
    public static Task<ProgramRun.Result> RunAsync(params string[] arguments) => ProgramRun.RunAsync(ExecutableName, arguments);

    /// <summary>Waits for a started hvkvp to exit and collects what it printed.</summary>
    public static Task<ProgramRun.Result> CompleteAsync(Process process) => ProgramRun.CompleteAsync(process);
}
