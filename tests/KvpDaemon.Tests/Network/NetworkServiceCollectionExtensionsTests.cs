// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

using System.Runtime.Versioning;
using KvpDaemon.Intrinsic;
using KvpDaemon.Network;
using KvpDaemon.Protocol;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace KvpDaemon.Tests.Network;

/// <summary>Linux only, like <see cref="LinuxNetworkInspectorTests"/>: the inspector is chosen per OS.</summary>
[SupportedOSPlatform("linux")]
public class NetworkServiceCollectionExtensionsTests
{
    [Fact]
    public void AddKvpNetwork_OnLinux_ResolvesTheLinuxInspectorAndBothConsumers()
    {
        using var provider = Services([]).BuildServiceProvider();

        provider.GetRequiredService<INetworkInspector>().Should().BeOfType<LinuxNetworkInspector>();
        provider.GetRequiredService<IIpInfoProvider>().Should().BeOfType<IpInfoProvider>();
        provider.GetRequiredService<IAddressListSource>().Should().BeOfType<InspectorAddressListSource>();
    }

    [Fact]
    public void AddKvpNetwork_HelperScriptsOn_WrapsTheInspector()
    {
        using var provider = Services(new() { ["Network:UseHelperScripts"] = "true" }).BuildServiceProvider();

        provider.GetRequiredService<INetworkInspector>().Should().BeOfType<HelperScriptNetworkInspector>();
    }

    private static ServiceCollection Services(Dictionary<string, string?> configuration)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(configuration).Build());
        services.AddSingleton(KvpAbi.Linux);
        services.AddKvpNetwork();
        return services;
    }
}
