// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

using System.Net;
using KvpDaemon.Network;

namespace KvpDaemon.Tests.Network;

public class NetstatRouteParserTests
{
    [Fact]
    public void Parse_Sample_DefaultGatewaysPerInterface()
    {
        NetstatRouteParser.TryParseDefaultRoutes(NetworkSamples.Read("netstat_routes.json"), out var routes).Should().BeTrue();

        // Reject routes via ::1 on lo0 and the gateway-less "link#5" default are skipped; the scope of fe80::1 is dropped.
        routes.Should().Equal(
            new DefaultRoute("hn0", IPAddress.Parse("192.0.2.1"), 0),
            new DefaultRoute("hn10", IPAddress.Parse("192.168.0.1"), 0),
            new DefaultRoute("hn0", IPAddress.Parse("fe80::1"), 0));
    }

    [Theory]
    [InlineData("netstat_truncated.json")] // the command was cut off
    [InlineData("netstat_wrong_shape.json")] // another netstat mode's document
    public void Parse_Malformed_Fails(string sample)
    {
        NetstatRouteParser.TryParseDefaultRoutes(NetworkSamples.Read(sample), out var routes).Should().BeFalse();
        routes.Should().BeEmpty();
    }

    [Theory]
    [InlineData("")]
    [InlineData("not json")]
    [InlineData("[1, 2]")]
    public void Parse_NotTheDocument_Fails(string text)
    {
        NetstatRouteParser.TryParseDefaultRoutes(text, out _).Should().BeFalse();
    }
}
