// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

using System.Globalization;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Systemd;

namespace KvpDaemon.Systemd;

/// <summary>
/// The daemon's notifications beyond the lifetime's own: READY=1 and STOPPING=1 come from the library's
/// <see cref="SystemdLifetime"/> (<see cref="KvpDaemon.Hosting.KvpDaemonServiceCollectionExtensions"/>), READY=1 once
/// the host has started, which is after registration because the daemon registers in its StartAsync (docs/contributing.md rule 2).
/// This adds STATUS= lines, the RELOADING=1 ... READY=1 frame of a reload, and WATCHDOG=1 at half the interval when the
/// unit sets WatchdogSec (only then does this wake the process). All go through <see cref="ISystemdNotifier"/>, which
/// does nothing without $NOTIFY_SOCKET.
/// </summary>
internal sealed class SystemdNotifications : IHostedService, IDisposable
{
    private readonly ISystemdNotifier _notifier;
    private readonly IHostApplicationLifetime _lifetime;
    private readonly TimeProvider _timeProvider;
    private readonly TimeSpan? _watchdogInterval;
    private readonly List<CancellationTokenRegistration> _registrations = [];
    private ITimer? _watchdog;

    public SystemdNotifications(ISystemdNotifier notifier, IHostApplicationLifetime lifetime, TimeProvider timeProvider)
        : this(notifier, lifetime, timeProvider, Environment.GetEnvironmentVariable("WATCHDOG_USEC"), Environment.GetEnvironmentVariable("WATCHDOG_PID"))
    {
    }

    /// <summary>For tests: the watchdog variables as given.</summary>
    internal SystemdNotifications(
        ISystemdNotifier notifier,
        IHostApplicationLifetime lifetime,
        TimeProvider timeProvider,
        string? watchdogMicroseconds,
        string? watchdogPid)
    {
        _notifier = notifier;
        _lifetime = lifetime;
        _timeProvider = timeProvider;
        _watchdogInterval = ParseWatchdog(watchdogMicroseconds, watchdogPid);
    }

    /// <summary>Sends a STATUS= line (shown by systemctl status).</summary>
    public void Status(string status) => _notifier.Notify(new ServiceState("STATUS=" + status));

    /// <summary>
    /// A configuration reload begins: RELOADING=1 with MONOTONIC_USEC (CLOCK_MONOTONIC, microseconds) in the same
    /// datagram, as sd_notify(3) asks; <see cref="Reloaded"/> must follow.
    /// </summary>
    public void Reloading(long monotonicMicroseconds) =>
        _notifier.Notify(new ServiceState(string.Create(CultureInfo.InvariantCulture, $"RELOADING=1\nMONOTONIC_USEC={monotonicMicroseconds}")));

    /// <summary>The reload has finished, applied or not: READY=1 again.</summary>
    public void Reloaded() => _notifier.Notify(ServiceState.Ready);

    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (_watchdogInterval is not null)
        {
            _registrations.Add(_lifetime.ApplicationStarted.Register(StartWatchdog));
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        _watchdog?.Dispose();
        _watchdog = null;
        return Task.CompletedTask;
    }

    public void Dispose()
    {
        _watchdog?.Dispose();
        foreach (var registration in _registrations)
        {
            registration.Dispose();
        }
    }

    private void StartWatchdog()
    {
        // A stop requested while the daemon was registering: no keep-alives for a daemon on its way out.
        if (_lifetime.ApplicationStopping.IsCancellationRequested || _watchdogInterval is not { } interval)
        {
            return;
        }

        var period = interval / 2;
        var keepAlive = new ServiceState("WATCHDOG=1");
        _watchdog = _timeProvider.CreateTimer(_ => _notifier.Notify(keepAlive), null, period, period);
    }

    private static TimeSpan? ParseWatchdog(string? microseconds, string? pid)
    {
        if (pid is not null && pid != Environment.ProcessId.ToString(CultureInfo.InvariantCulture))
        {
            return null;
        }

        return long.TryParse(microseconds, NumberStyles.None, CultureInfo.InvariantCulture, out var usec) && usec > 0
            ? TimeSpan.FromMicroseconds(usec)
            : null;
    }
}
