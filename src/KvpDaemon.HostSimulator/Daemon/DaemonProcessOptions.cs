// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

namespace KvpDaemon.HostSimulator.Daemon;

/// <summary>How <see cref="DaemonProcess.Start"/> runs the daemon. Defaults suit tests and the demo.</summary>
internal sealed class DaemonProcessOptions
{
    /// <summary>
    /// The daemon executable; null finds the <c>hypervkvpd</c> apphost next to this assembly
    /// (<see cref="DaemonProcess.LocateExecutable"/>).
    /// </summary>
    public string? ExecutablePath { get; init; }

    /// <summary>
    /// A command the daemon is run under, with its arguments, e.g. <c>["ip", "netns", "exec", "NS"]</c> to run it in a
    /// network namespace. Empty runs the daemon directly. The prefix command must exec the daemon in place (as
    /// <c>ip netns exec</c>, <c>env</c> and <c>nsenter</c> without <c>--fork</c> do), so that <see cref="DaemonProcess.Pid"/>
    /// is the daemon's and SIGTERM reaches it.
    /// </summary>
    public IReadOnlyList<string> CommandPrefix { get; init; } = [];

    /// <summary>Whether to pass <c>-d</c> (debug logging). Off for benchmarks: logging each request costs time.</summary>
    public bool Debug { get; init; }

    /// <summary>Arguments appended after the standard ones.</summary>
    public IReadOnlyList<string> ExtraArguments { get; init; } = [];

    /// <summary>Environment variables set for the daemon, on top of this process's environment.</summary>
    public IReadOnlyDictionary<string, string> Environment { get; init; } = new Dictionary<string, string>();

    /// <summary>How many lines of the daemon's stdout and stderr are kept for <see cref="DaemonProcess.Log"/>.</summary>
    public int LogCapacity { get; init; } = 2000;
}
