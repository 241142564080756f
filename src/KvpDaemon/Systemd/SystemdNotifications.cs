// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

using System.Globalization;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace KvpDaemon.Systemd;

/// <summary>
/// Tells systemd the daemon's state: READY=1 once the host has started, which is after registration because the
/// daemon registers in its StartAsync (style rule 2); STOPPING=1 when shutdown begins; WATCHDOG=1 at half the interval
/// when the unit sets WatchdogSec (only then does this wake the process). STATUS= lines come from
/// <see cref="Status"/>.
/// </summary>
internal sealed partial class SystemdNotifications : IHostedService, IDisposable
{
    private readonly SystemdNotifier _notifier;
    private readonly IHostApplicationLifetime _lifetime;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private readonly TimeSpan? _watchdogInterval;
    private readonly List<CancellationTokenRegistration> _registrations = [];
    private ITimer? _watchdog;

    public SystemdNotifications(SystemdNotifier notifier, IHostApplicationLifetime lifetime, TimeProvider timeProvider, ILogger<SystemdNotifications> logger)
        : this(notifier, lifetime, timeProvider, logger, Environment.GetEnvironmentVariable("WATCHDOG_USEC"), Environment.GetEnvironmentVariable("WATCHDOG_PID"))
    {
    }

    /// <summary>For tests: the watchdog variables as given.</summary>
    internal SystemdNotifications(
        SystemdNotifier notifier,
        IHostApplicationLifetime lifetime,
        TimeProvider timeProvider,
        ILogger<SystemdNotifications> logger,
        string? watchdogMicroseconds,
        string? watchdogPid)
    {
        ArgumentNullException.ThrowIfNull(notifier);
        ArgumentNullException.ThrowIfNull(lifetime);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentNullException.ThrowIfNull(logger);
        _notifier = notifier;
        _lifetime = lifetime;
        _timeProvider = timeProvider;
        _logger = logger;
        _watchdogInterval = ParseWatchdog(watchdogMicroseconds, watchdogPid);
    }

    /// <summary>Sends a STATUS= line (shown by systemctl status).</summary>
    public void Status(string status) => Send("STATUS=" + status);

    /// <summary>
    /// A configuration reload begins: RELOADING=1 with MONOTONIC_USEC (CLOCK_MONOTONIC, microseconds) in the same
    /// datagram, as sd_notify(3) asks; <see cref="Reloaded"/> must follow.
    /// </summary>
    public void Reloading(long monotonicMicroseconds) =>
        Send(string.Create(CultureInfo.InvariantCulture, $"RELOADING=1\nMONOTONIC_USEC={monotonicMicroseconds}"));

    /// <summary>The reload has finished, applied or not: READY=1 again.</summary>
    public void Reloaded() => Send("READY=1");

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _registrations.Add(_lifetime.ApplicationStarted.Register(OnStarted));
        _registrations.Add(_lifetime.ApplicationStopping.Register(() => Send("STOPPING=1")));
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

    private void OnStarted()
    {
        // A stop requested while the daemon was registering: STOPPING=1 has gone out, READY=1 must not follow it.
        if (_lifetime.ApplicationStopping.IsCancellationRequested)
        {
            return;
        }

        Send("READY=1");
        if (_watchdogInterval is { } interval)
        {
            var period = interval / 2;
            _watchdog = _timeProvider.CreateTimer(_ => Send("WATCHDOG=1"), null, period, period);
        }
    }

    private void Send(string state)
    {
        if (!_notifier.Notify(state))
        {
            Log.NotifyFailed(_logger, state);
        }
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

    private static partial class Log
    {
        [LoggerMessage(EventId = 600, Level = LogLevel.Warning, Message = "Could not send {State} to the service manager")]
        public static partial void NotifyFailed(ILogger logger, string state);
    }
}
