// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

using KvpDaemon.Dispatch;
using KvpDaemon.Pools;
using KvpDaemon.Systemd;
using KvpDaemon.Transport;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace KvpDaemon.Hosting;

/// <summary>
/// The daemon's lifetime. <see cref="StartAsync"/> creates the pool files and registers with the kernel, so the host
/// reports started (and systemd hears READY=1) only once the daemon is registered (docs/contributing.md rule 2); only the request loop
/// runs in <see cref="ExecuteAsync"/>. Without a KVP device (not a Hyper-V guest, or a cloud that only looks like one,
/// docs/compatibility.md E #2) it says so and stops with exit status 0.
/// </summary>
internal sealed partial class KvpDaemonService : BackgroundService
{
    private readonly KvpChannel _channel;
    private readonly KvpPoolStore _pools;
    private readonly KvpDispatcher _dispatcher;
    private readonly IIntrinsicItems _intrinsicItems;
    private readonly KvpDaemonOptions _options;
    private readonly SystemdNotifications _notifications;
    private readonly IHostApplicationLifetime _lifetime;
    private readonly ILogger _logger;

    public KvpDaemonService(
        KvpChannel channel,
        KvpPoolStore pools,
        KvpDispatcher dispatcher,
        IIntrinsicItems intrinsicItems,
        IOptions<KvpDaemonOptions> options,
        SystemdNotifications notifications,
        IHostApplicationLifetime lifetime,
        ILogger<KvpDaemonService> logger)
    {
        _channel = channel;
        _pools = pools;
        _dispatcher = dispatcher;
        _intrinsicItems = intrinsicItems;
        _options = options.Value;
        _notifications = notifications;
        _lifetime = lifetime;
        _logger = logger;
        _channel.Registered += OnRegistered;
    }

    /// <summary>Every registration, the first and each after a reconnect: pool 2 reports the kernel's version.</summary>
    private void OnRegistered(object? sender, KvpRegisteredEventArgs registration)
    {
        if (registration.Version is not null)
        {
            _intrinsicItems.SetIntegrationServicesVersion(registration.Version);
        }

        _notifications.Status($"Registered with {_options.Device} ({_options.Abi} ABI); serving the host");
    }

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        Log.Starting(_logger, Environment.ProcessId, ThisAssembly.InformationalVersion, _options.Abi, _options.Device, _options.PoolDirectory);
        // Opened (and the directory checked) by StartupCheck before the host ran; a second Open does nothing.
        _pools.Open();

        if (!_options.Device.StartsWith(SeqPacketTransport.Scheme, StringComparison.Ordinal) && !File.Exists(_options.Device))
        {
            Log.NoDevice(_logger, _options.Device);
            _notifications.Status($"{_options.Device} does not exist; not a Hyper-V guest");
            _lifetime.StopApplication();
            return;
        }

        _notifications.Status($"Registering with {_options.Device}");
        try
        {
            await _channel.ConnectAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // SIGTERM or SIGINT while waiting for the kernel: a normal stop, not a failure to start. The host goes on
            // to stop, and nothing was started that needs stopping.
            Log.StoppedBeforeRegistration(_logger);
            return;
        }

        await base.StartAsync(cancellationToken).ConfigureAwait(false);
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        // A thread of its own: device reads block in poll(2) between requests.
        Task.Factory.StartNew(
            () => ServeAsync(stoppingToken),
            stoppingToken,
            TaskCreationOptions.LongRunning,
            TaskScheduler.Default).Unwrap();

    private async Task ServeAsync(CancellationToken stoppingToken)
    {
        try
        {
            await _channel.RunAsync(_dispatcher, stoppingToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            Log.Stopping(_logger);
        }
        catch (Exception exception)
        {
            // Unexpected: let the host stop with a failure status so the service manager restarts the daemon.
            Log.Crashed(_logger, exception);
            Environment.ExitCode = 1;
            throw;
        }
    }
}
