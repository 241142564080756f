// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

using KvpDaemon.Dispatch;
using KvpDaemon.Protocol;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace KvpDaemon.Intrinsic;

/// <summary>Wires pool 2, the intrinsic items.</summary>
internal static class IntrinsicServiceCollectionExtensions
{
    /// <summary>
    /// Adds <see cref="IIntrinsicItems"/> and its sources. Needs <see cref="KvpAbi"/>, <see cref="TimeProvider"/> and the
    /// <see cref="IAddressListSource"/> of the address items registered (the network inspector's, by
    /// <c>AddKvpNetwork</c>). The OS items are read once, in the background from when the items are first resolved.
    /// </summary>
    public static IServiceCollection AddIntrinsicItems(this IServiceCollection services)
    {
        services.TryAddSingleton(_ => IUnameSource.ForCurrentOperatingSystem());
        services.TryAddSingleton<IFqdnSource>(provider => new FqdnSource(
            provider.GetRequiredService<TimeProvider>(),
            provider.GetRequiredService<ILogger<FqdnSource>>()));
        services.TryAddSingleton<IIntrinsicItems>(provider =>
        {
            var reader = new OsInfoReader(provider.GetRequiredService<IUnameSource>(), "/", provider.GetRequiredService<ILogger<OsInfoReader>>());
            // On the thread pool: uname(2), the release files and their log line are off the path to registration,
            // where the items are resolved (docs/performance.md, Start-up).
            var osInfo = Task.Run(reader.ReadOrEmpty);
            return new IntrinsicItems(
                provider.GetRequiredService<KvpAbi>(),
                osInfo,
                provider.GetRequiredService<IFqdnSource>(),
                provider.GetRequiredService<IAddressListSource>());
        });
        return services;
    }
}
