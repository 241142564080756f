// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Threading.Channels;
using KvpDaemon.IpConfig;
using KvpDaemon.Network;
using KvpDaemon.Systemd;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Configuration.Json;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace KvpDaemon.Hosting;

/// <summary>
/// SIGHUP reloads the configuration (<c>systemctl reload</c>, whose ExecReload sends it): the sources are read again,
/// every setting is validated as at start, and only then are the run-time settings (<see cref="ReloadDecision.Reloadable"/>)
/// put in effect: the log level through the <see cref="LogLevelSwitch"/>, the <c>Network</c> and <c>IpConfig</c> settings
/// through their <see cref="ReloadableOptionsMonitor{TOptions}"/>. A configuration that does not read or validate is
/// logged as an error, naming the setting, and changes nothing; the daemon never exits because of a reload.
/// </summary>
/// <remarks>
/// Registered before <see cref="KvpDaemonService"/> so the handler is in place while the daemon registers: without
/// it SIGHUP would terminate the process. Once the daemon has started, a reload is framed by RELOADING=1 and READY=1
/// for systemd.
/// </remarks>
internal sealed partial class ConfigurationReloader : BackgroundService
{
    private readonly IConfigurationRoot _configuration;
    private readonly DaemonSettingsReader _reader;
    private readonly LogLevelSwitch _levelSwitch;
    private readonly ReloadableOptionsMonitor<KvpDaemonOptions> _daemon;
    private readonly ReloadableOptionsMonitor<NetworkOptions> _network;
    private readonly ReloadableOptionsMonitor<IpConfigOptions> _ipConfig;
    private readonly SystemdNotifications _notifications;
    private readonly IHostApplicationLifetime _lifetime;
    private readonly ILogger _logger;
    private readonly Channel<bool> _requests = Channel.CreateBounded<bool>(
        new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite, SingleReader = true });

    private readonly Lock _lock = new();
    private DaemonSettings _current;
    private PosixSignalRegistration? _signal;

    public ConfigurationReloader(
        IConfiguration configuration,
        DaemonSettingsReader reader,
        LogLevelSwitch levelSwitch,
        ReloadableOptionsMonitor<KvpDaemonOptions> daemon,
        ReloadableOptionsMonitor<NetworkOptions> network,
        ReloadableOptionsMonitor<IpConfigOptions> ipConfig,
        SystemdNotifications notifications,
        IHostApplicationLifetime lifetime,
        ILogger<ConfigurationReloader> logger)
    {
        _configuration = configuration as IConfigurationRoot
            ?? throw new ArgumentException("Reloading needs the configuration root.", nameof(configuration));
        _reader = reader;
        _levelSwitch = levelSwitch;
        _daemon = daemon;
        _network = network;
        _ipConfig = ipConfig;
        _notifications = notifications;
        _lifetime = lifetime;
        _logger = logger;

        // The settings in effect: those the daemon was built with, read before any signal can arrive.
        _current = new DaemonSettings(daemon.CurrentValue, network.CurrentValue, ipConfig.CurrentValue);
    }

    public override Task StartAsync(CancellationToken cancellationToken)
    {
        // A daemon started with SIGHUP ignored (nohup, some init scripts and shells) inherits SIG_IGN, and the runtime
        // then installs no handler for it: `kill -HUP` would reload nothing and log nothing. Back to the default first,
        // so the registration below takes the signal whatever disposition was inherited. A SIGHUP arriving between the
        // two calls would still end the process; it is before READY=1, when systemd sends no reload.
        if (OperatingSystem.IsLinux() || OperatingSystem.IsFreeBSD())
        {
            Interop.Libc.Signal(Interop.Libc.SIGHUP, Interop.Libc.SIG_DFL);
        }

        // Cancel: SIGHUP's default action would terminate the process. Signals that arrive during a reload coalesce.
        _signal = PosixSignalRegistration.Create(PosixSignal.SIGHUP, context =>
        {
            context.Cancel = true;
            _requests.Writer.TryWrite(true);
        });
        return base.StartAsync(cancellationToken);
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        _requests.Writer.TryComplete();
        await base.StopAsync(cancellationToken).ConfigureAwait(false);
    }

    public override void Dispose()
    {
        _signal?.Dispose();
        base.Dispose();
    }

    /// <summary>Reads the configuration again and applies it as described on the type. Never throws for bad input.</summary>
    /// <returns>What was decided.</returns>
    public ReloadDecision Reload()
    {
        lock (_lock)
        {
            var started = _lifetime.ApplicationStarted.IsCancellationRequested && !_lifetime.ApplicationStopping.IsCancellationRequested;
            if (started)
            {
                _notifications.Reloading(MonotonicMicroseconds());
            }

            try
            {
                var decision = ReloadDecision.Decide(_current, ReadConfiguration());
                if (decision.Rejected)
                {
                    Log.ReloadFailed(_logger, string.Join("; ", decision.Errors));
                    return decision;
                }

                Apply(decision.Settings);
                _current = decision.Settings;
                if (decision.Changes.Count > 0)
                {
                    Log.Reloaded(_logger, string.Join("; ", decision.Changes));
                }
                else
                {
                    Log.ReloadedUnchanged(_logger);
                }

                if (decision.RestartRequired.Count > 0)
                {
                    Log.RestartRequired(_logger, string.Join(", ", decision.RestartRequired));
                }

                return decision;
            }
            finally
            {
                if (started)
                {
                    _notifications.Reloaded();
                }
            }
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var _ in _requests.Reader.ReadAllAsync(stoppingToken).ConfigureAwait(false))
            {
                Log.Reloading(_logger);
                Reload();
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutdown.
        }
    }

    private DaemonSettingsReadResult ReadConfiguration()
    {
        // A file named with --config must still be there: the JSON provider would treat a vanished file as empty
        // and so silently bring back every default.
        foreach (var source in _configuration.Providers.OfType<JsonConfigurationProvider>().Select(provider => provider.Source))
        {
            if (!source.Optional && source.FileProvider?.GetFileInfo(source.Path ?? string.Empty) is { Exists: false })
            {
                var path = source.FileProvider is PhysicalFileProvider physical
                    ? Path.Combine(physical.Root, source.Path ?? string.Empty)
                    : source.Path;
                return DaemonSettingsReadResult.Failed([$"The configuration file {path} does not exist."]);
            }
        }

        try
        {
            _configuration.Reload();
        }
        catch (Exception exception) when (exception is IOException or InvalidDataException or FormatException or UnauthorizedAccessException)
        {
            return DaemonSettingsReadResult.Failed([Describe(exception)]);
        }

        return _reader.Read();
    }

    private void Apply(DaemonSettings settings)
    {
        if (LogLevelSwitch.TryParse(settings.Daemon.LogLevel, out var level))
        {
            _levelSwitch.Minimum = level;
        }

        _daemon.Set(settings.Daemon);
        _network.Set(settings.Network);
        _ipConfig.Set(settings.IpConfig);
    }

    /// <summary>CLOCK_MONOTONIC in microseconds, as MONOTONIC_USEC wants it: .NET's Stopwatch reads that clock on Unix.</summary>
    private static long MonotonicMicroseconds() =>
        (long)(Stopwatch.GetTimestamp() * (1_000_000.0 / Stopwatch.Frequency));

    /// <summary>The messages of an exception and its inner ones ("Failed to load ...: Could not parse ...: ...").</summary>
    private static string Describe(Exception exception)
    {
        var messages = new List<string>();
        for (var current = exception; current is not null; current = current.InnerException)
        {
            messages.Add(current.Message);
        }

        return string.Join(": ", messages);
    }
}
