// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

using System.Net;
using KvpDaemon.Network;

namespace KvpDaemon.Tests.Network;

public class AddressTextTests
{
    [Theory]
    [InlineData("192.0.2.1", 0, "0.0.0.0")]
    [InlineData("192.0.2.1", 8, "255.0.0.0")]
    [InlineData("192.0.2.1", 20, "255.255.240.0")]
    [InlineData("192.0.2.1", 25, "255.255.255.128")]
    [InlineData("192.0.2.1", 32, "255.255.255.255")]
    [InlineData("2001:db8::1", 64, "/64")]
    [InlineData("::1", 128, "/128")]
    public void FormatSubnet_MaskOrPrefix(string address, int prefix, string expected)
    {
        AddressText.FormatSubnet(new InterfaceAddress(IPAddress.Parse(address), prefix)).Should().Be(expected);
    }

    [Fact]
    public void Format_ScopedIPv6_DropsTheScope()
    {
        AddressText.Format(IPAddress.Parse("fe80::1%3")).Should().Be("fe80::1");
        AddressText.Format(IPAddress.Parse("192.0.2.1")).Should().Be("192.0.2.1");
    }
}
