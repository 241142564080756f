// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

using KvpDaemon.IntegrationTests.Infrastructure;
using KvpDaemon.Protocol;

namespace KvpDaemon.IntegrationTests;

/// <summary>Pool 2 as Hyper-V Manager reads it: ten items by index, then HV_S_CONT.</summary>
public sealed class IntrinsicItemTests
{
    private static readonly string[] Names =
    [
        "FullyQualifiedDomainName", "IntegrationServicesVersion", "NetworkAddressIPv4", "NetworkAddressIPv6",
        "OSBuildNumber", "OSName", "OSMajorVersion", "OSMinorVersion", "OSVersion", "ProcessorArchitecture",
    ];

    [Theory]
    [InlineData("linux", "3.1")]
    [InlineData("freebsd", "BSD Pre-Release version")]
    public async Task EnumeratePool2_ReturnsTheTenItemsInOrderThenContinue(string abi, string integrationServicesVersion)
    {
        await using var session = await Sessions.StartAsync(abi);

        var enumeration = await session.Simulator.EnumerateWithStatusAsync(2, CancellationToken.None);

        enumeration.Items.Select(i => i.Key.ToString()).Should().Equal(Names);
        enumeration.EndStatus.Should().Be(HvStatus.HV_S_CONT);
        var values = enumeration.Items.ToDictionary(i => i.Key.ToString(), i => i.Value.ToString());
        values["IntegrationServicesVersion"].Should().Be(integrationServicesVersion);
        values["FullyQualifiedDomainName"].Should().NotBeEmpty().And.NotContain("getaddrinfo");
        values["OSName"].Should().NotBeEmpty();
        values["ProcessorArchitecture"].Should().NotBeEmpty();
        (await session.SendAsync(new KvpGetRequest(2, "OSName"))).Should().Be(new KvpGetReply(values["OSName"]));
    }
}
