// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

using KvpDaemon.Intrinsic;
using KvpDaemon.Protocol;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace KvpDaemon.Network;

/// <summary>Wires the network inspector, GET_IP_INFO and the pool-2 address items (docs/contributing.md rule 1).</summary>
internal static class NetworkServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="INetworkInspector"/> (per OS, wrapped by <see cref="HelperScriptNetworkInspector"/> when
    /// <see cref="NetworkOptions.UseHelperScripts"/> is set), <see cref="IIpInfoProvider"/> and
    /// <see cref="IAddressListSource"/>, with <see cref="NetworkOptions"/> bound to the <c>Network</c> section.
    /// Requires a <see cref="KvpAbi"/> singleton registered by the caller.
    /// </summary>
    public static IServiceCollection AddKvpNetwork(this IServiceCollection services)
    {
        // Bound by hand: the reflection binder is not trim-safe and this assembly is trimmable.
        services.AddOptions<NetworkOptions>()
            .Configure<IConfiguration>(static (options, configuration) =>
                options.Bind(configuration.GetSection(NetworkOptions.SectionName)));
        services.TryAddSingleton(CreateInspector);
        services.TryAddSingleton<IIpInfoProvider, IpInfoProvider>();
        // The exclude list is read per request from the monitor, which SIGHUP updates (Hosting/ConfigurationReloader).
        services.TryAddSingleton<IAddressListSource>(provider =>
        {
            var monitor = provider.GetRequiredService<IOptionsMonitor<NetworkOptions>>();
            return new InspectorAddressListSource(
                provider.GetRequiredService<INetworkInspector>(),
                provider.GetRequiredService<KvpAbi>(),
                () => monitor.CurrentValue);
        });
        return services;
    }

    private static INetworkInspector CreateInspector(IServiceProvider provider)
    {
        var loggerFactory = provider.GetRequiredService<ILoggerFactory>();
        var options = provider.GetRequiredService<IOptions<NetworkOptions>>().Value;
        var inspector = NetworkInspector.ForCurrentOperatingSystem(loggerFactory);
        if (!options.UseHelperScripts)
        {
            return inspector;
        }

        var directory = options.ScriptsDirectory ?? NetworkOptions.DefaultScriptsDirectory();
        var logger = loggerFactory.CreateLogger<HelperScriptNetworkInspector>();

        // Limits of docs/protocol.md 5.4's helpers: Linux scripts may query NetworkManager (nmcli), FreeBSD's read rc.conf.
        if (OperatingSystem.IsLinux())
        {
            return new HelperScriptNetworkInspector(inspector, directory, null, TimeSpan.FromSeconds(5), logger);
        }

        if (OperatingSystem.IsFreeBSD())
        {
            return new HelperScriptNetworkInspector(inspector, directory, "/bin/sh", TimeSpan.FromSeconds(2), logger);
        }

        throw new PlatformNotSupportedException("Network inspection is implemented for Linux and FreeBSD only.");
    }
}
