// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace KvpDaemon.IpConfig;

/// <summary>Wires SET_IP_INFO (docs/protocol.md section 6).</summary>
internal static class IpConfigServiceCollectionExtensions
{
    /// <summary>
    /// Adds <see cref="IpConfigOptions"/> (per-OS defaults, then the <c>IpConfig</c> section of
    /// <paramref name="configuration"/>, validated at start) and the production <see cref="ISetIpInfoHandler"/>.
    /// Expects a <see cref="TimeProvider"/> to be registered.
    /// </summary>
    public static IServiceCollection AddIpInjection(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<IpConfigOptions>()
            .Configure(options => options.ApplyDefaults())
            .Bind(configuration.GetSection(IpConfigOptions.SectionName))
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<IpConfigOptions>, IpConfigOptionsValidator>();
        // The settings are read per request from the monitor, which SIGHUP updates (Hosting/ConfigurationReloader).
        services.AddSingleton<ISetIpInfoHandler>(provider =>
        {
            var monitor = provider.GetRequiredService<IOptionsMonitor<IpConfigOptions>>();
            return SetIpInfoHandler.ForCurrentOperatingSystem(
                () => monitor.CurrentValue,
                provider.GetRequiredService<TimeProvider>(),
                provider.GetRequiredService<ILoggerFactory>().CreateLogger<SetIpInfoHandler>());
        });
        return services;
    }
}
