// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

using System.Net;
using KvpDaemon.AutoPool;
using KvpDaemon.Protocol;
using Microsoft.Extensions.Logging.Abstractions;

namespace KvpDaemon.Tests.AutoPool;

public sealed class NetworkInterfaceAddressListSourceTests
{
    private static readonly IPAddress[] Addresses =
    [
        IPAddress.Parse("192.0.2.10"),
        IPAddress.Parse("fe80::215:5dff:fe00:1%2"),
        IPAddress.Parse("127.0.0.1"),
        IPAddress.Parse("2001:db8::10"),
        IPAddress.IPv6Loopback,
        IPAddress.Parse("198.51.100.7"),
    ];

    [Fact]
    public void Format_Linux_SplitsByFamilyWithoutTrailingSeparatorOrScopeOrLoopback()
    {
        var lists = NetworkInterfaceAddressListSource.Format(Addresses, KvpAbi.Linux.AddressListTrailingSeparator);

        lists.Should().Be(new IntrinsicAddressLists("192.0.2.10;198.51.100.7", "fe80::215:5dff:fe00:1;2001:db8::10"));
    }

    [Fact]
    public void Format_FreeBsd_EndsEveryItemWithSeparator()
    {
        var lists = NetworkInterfaceAddressListSource.Format(Addresses, KvpAbi.FreeBsd.AddressListTrailingSeparator);

        lists.Should().Be(new IntrinsicAddressLists("192.0.2.10;198.51.100.7;", "fe80::215:5dff:fe00:1;2001:db8::10;"));
    }

    [Fact]
    public void Format_NoAddresses_GivesEmptyLists()
    {
        NetworkInterfaceAddressListSource.Format([], trailingSeparator: false).Should().Be(new IntrinsicAddressLists("", ""));
    }

    [Fact]
    public void Format_ManyAddresses_StaysWithinTheValueField()
    {
        var many = Enumerable.Range(0, 300).Select(i => IPAddress.Parse($"2001:db8::{i:x}:1234:5678:9abc"));

        var lists = NetworkInterfaceAddressListSource.Format(many, trailingSeparator: true);

        lists.IPv6.Length.Should().BeLessThanOrEqualTo(IntrinsicItems.MaxValueBytes);
        lists.IPv6.Should().EndWith(";");
    }

    [Fact]
    public void GetAddressLists_ThisMachine_ExcludesLoopback()
    {
        var source = new NetworkInterfaceAddressListSource(KvpAbi.Linux, NullLogger<NetworkInterfaceAddressListSource>.Instance);

        var lists = source.GetAddressLists();

        KvpAddressList.Split(lists.IPv4).Should().NotContain("127.0.0.1");
        KvpAddressList.Split(lists.IPv6).Should().NotContain("::1").And.NotContain(item => item.Contains('%'));
    }
}
