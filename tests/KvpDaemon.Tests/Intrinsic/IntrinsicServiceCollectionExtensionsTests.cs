// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

using KvpDaemon.Intrinsic;
using KvpDaemon.Dispatch;
using KvpDaemon.Protocol;
using KvpDaemon.Tests.Intrinsic.Fakes;
using Microsoft.Extensions.DependencyInjection;

namespace KvpDaemon.Tests.Intrinsic;

public sealed class IntrinsicServiceCollectionExtensionsTests
{
    [Fact]
    public void AddIntrinsicItems_WithAbiClockAndAddressSource_ResolvesTheItems()
    {
        using var provider = Services().AddSingleton<IAddressListSource>(new FakeAddressListSource()).AddIntrinsicItems().BuildServiceProvider();

        provider.GetRequiredService<IIntrinsicItems>().Should().BeOfType<IntrinsicItems>();
        provider.GetRequiredService<IIntrinsicItems>().Enumerate(1).Should()
            .Be(new KvpEnumerateReply("IntegrationServicesVersion", "Unknown version"));
    }

    [Fact]
    public void AddIntrinsicItems_AddressSourceRegisteredBefore_KeepsIt()
    {
        var addresses = new FakeAddressListSource();
        using var provider = Services().AddSingleton<IAddressListSource>(addresses).AddIntrinsicItems().BuildServiceProvider();

        provider.GetRequiredService<IIntrinsicItems>().Enumerate(2);

        addresses.Calls.Should().Be(1);
    }

    private static IServiceCollection Services() =>
        new ServiceCollection().AddLogging().AddSingleton(KvpAbi.Linux).AddSingleton(TimeProvider.System);
}
