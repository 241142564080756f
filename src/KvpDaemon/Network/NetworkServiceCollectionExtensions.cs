// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

using KvpDaemon.AutoPool;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace KvpDaemon.Network;

/// <summary>Wires the network inspector: GET_IP_INFO and the pool-2 address items.</summary>
internal static class NetworkServiceCollectionExtensions
{
    /// <summary>
    /// Adds <see cref="NetworkOptions"/> (the <c>Network</c> section), the inspector of the running OS, the
    /// GET_IP_INFO provider and the pool-2 address list source. Call before <c>AddIntrinsicItems</c>, which keeps an
    /// address source registered earlier. Expects a <c>KvpAbi</c> to be registered.
    /// </summary>
    public static IServiceCollection AddNetworkInspection(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<NetworkOptions>().Bind(configuration.GetSection(NetworkOptions.SectionName));
        services.AddSingleton(provider => NetworkInspector.ForCurrentOperatingSystem(provider.GetRequiredService<ILoggerFactory>()));
        services.AddSingleton<IIpInfoProvider, IpInfoProvider>();
        services.AddSingleton<IAddressListSource, InspectorAddressListSource>();
        return services;
    }
}
