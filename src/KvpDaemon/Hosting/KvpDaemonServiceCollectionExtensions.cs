// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

using System.Diagnostics.CodeAnalysis;
using KvpDaemon.Intrinsic;
using KvpDaemon.Dispatch;
using KvpDaemon.IpConfig;
using KvpDaemon.Network;
using KvpDaemon.Platform;
using KvpDaemon.Pools;
using KvpDaemon.Protocol;
using KvpDaemon.Systemd;
using KvpDaemon.Transport;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Systemd;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace KvpDaemon.Hosting;

/// <summary>Wires the daemon's components.</summary>
internal static class KvpDaemonServiceCollectionExtensions
{
    /// <summary>
    /// Adds the configuration sources in precedence order: the JSON file (required only when named on the command
    /// line), <c>HYPERVKVPD_*</c> environment variables, then the command line.
    /// </summary>
    public static IConfigurationBuilder AddKvpDaemonSources(this IConfigurationBuilder configuration, DaemonInvocation invocation)
    {
        return configuration
            .AddJsonFile(invocation.ConfigFile, optional: !invocation.ConfigFileRequired, reloadOnChange: false)
            .AddEnvironmentVariables(KvpDaemonOptions.EnvironmentPrefix)
            .AddInMemoryCollection(invocation.Overrides);
    }

    /// <summary>Adds the daemon: options validated at start, the pool store, the channel, the dispatcher.</summary>
    public static IServiceCollection AddKvpDaemon(this IServiceCollection services, IConfiguration configuration, KvpDialect dialect)
    {
        services.AddSingleton(dialect);
        services.AddSingleton(TimeProvider.System);
        // "Application started. Press Ctrl+C to shut down." and the content root mean nothing for a service; the daemon
        // says when it starts, registers and stops.
        services.Configure<ConsoleLifetimeOptions>(options => options.SuppressStatusMessages = true);
        services.AddOptions<KvpDaemonOptions>()
            .Configure(options => options.ApplyDefaults(dialect))
            .Bind(configuration)
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<KvpDaemonOptions>, KvpDaemonOptionsValidator>();

        services.AddSingleton(provider => KvpAbi.TryParse(Options(provider).Abi, out var abi)
            ? abi
            : throw new InvalidOperationException($"Unknown ABI '{Options(provider).Abi}'."));
        services.AddSingleton(provider => new KvpPoolStore(
            Options(provider).PoolDirectory,
            dialect,
            provider.GetRequiredService<ILoggerFactory>().CreateLogger<KvpPoolStore>()));
        services.AddSingleton<IKvpTransport>(provider =>
        {
            var device = Options(provider).Device;
            return device.StartsWith(SeqPacketTransport.Scheme, StringComparison.Ordinal)
                ? new SeqPacketTransport(device[SeqPacketTransport.Scheme.Length..])
                : new DeviceTransport(device, dialect);
        });
        services.AddSingleton(provider => new KvpChannel(
            provider.GetRequiredService<IKvpTransport>(),
            provider.GetRequiredService<KvpAbi>(),
            provider.GetRequiredService<ILoggerFactory>().CreateLogger<KvpChannel>(),
            provider.GetRequiredService<TimeProvider>()));
        services.AddKvpNetwork();
        services.AddIntrinsicItems();
        services.AddIpInjection(configuration);
        services.AddSingleton<KvpDispatcher>();
        services.AddKvpDaemonSystemd();
        services.AddKvpDaemonReload();
        services.AddHostedService<KvpDaemonService>();
        return services;
    }

    /// <summary>
    /// sd_notify(3) through Microsoft.Extensions.Hosting.Systemd: AddSystemd installs its SystemdLifetime (READY=1
    /// once started, STOPPING=1) when systemd is the parent process. A unit whose ExecStart= goes through a wrapper
    /// (with NotifyAccess=all), and the tests, hand over $NOTIFY_SOCKET without that parent, and Type=notify still
    /// waits for READY=1: there the socket decides. Every notification goes through <see cref="GuardedSystemdNotifier"/>.
    /// </summary>
    private static void AddKvpDaemonSystemd(this IServiceCollection services)
    {
        services.AddSystemd();
        services.AddSingleton<ISystemdNotifier>(provider =>
            new GuardedSystemdNotifier(new SystemdNotifier(), provider.GetRequiredService<ILogger<GuardedSystemdNotifier>>()));
        if (!SystemdHelpers.IsSystemdService() && !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("NOTIFY_SOCKET")))
        {
            services.AddSingleton<IHostLifetime, SystemdLifetime>();
        }

        services.AddSingleton<SystemdNotifications>();
        services.AddHostedService(provider => provider.GetRequiredService<SystemdNotifications>());
    }

    /// <summary>
    /// SIGHUP reloading: the options that may change at run time come from <see cref="ReloadableOptionsMonitor{TOptions}"/>
    /// (replacing the framework's monitors, which would follow the configuration even when it does not validate), and
    /// <see cref="ConfigurationReloader"/> runs as a hosted service, before <see cref="KvpDaemonService"/>.
    /// </summary>
    private static void AddKvpDaemonReload(this IServiceCollection services)
    {
        // AddKvpDaemonLogging registers the switch the logger uses; without it (tests), a switch of its own.
        services.TryAddSingleton(new LogLevelSwitch());
        AddReloadable<KvpDaemonOptions>(services);
        AddReloadable<NetworkOptions>(services);
        AddReloadable<IpConfigOptions>(services);
        services.AddSingleton<DaemonSettingsReader>();
        services.AddSingleton<ConfigurationReloader>();
        services.AddHostedService(provider => provider.GetRequiredService<ConfigurationReloader>());
    }

    private static void AddReloadable<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicParameterlessConstructor)] TOptions>(IServiceCollection services)
        where TOptions : class
    {
        services.AddSingleton<ReloadableOptionsMonitor<TOptions>>();
        services.AddSingleton<IOptionsMonitor<TOptions>>(provider => provider.GetRequiredService<ReloadableOptionsMonitor<TOptions>>());
    }

    private static KvpDaemonOptions Options(IServiceProvider provider) =>
        provider.GetRequiredService<IOptions<KvpDaemonOptions>>().Value;
}
