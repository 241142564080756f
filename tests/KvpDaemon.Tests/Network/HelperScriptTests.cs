// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

using System.Diagnostics;
using System.Net;
using KvpDaemon.Network;
using Microsoft.Extensions.Logging.Abstractions;
using static KvpDaemon.Tests.Network.FakeNetworkInspector;

namespace KvpDaemon.Tests.Network;

public sealed class HelperScriptTests : IDisposable
{
    private readonly TemporaryRoot _scripts = new();

    public void Dispose() => _scripts.Dispose();

    [Theory]
    [InlineData("10.0.0.2\n2001:db8::53\n\n", new[] { "10.0.0.2", "2001:db8::53" })]
    [InlineData("10.0.0.2", new[] { "10.0.0.2" })] // no trailing newline (QUIRK-14)
    [InlineData("sh: nmcli: not found\n10.0.0.3\r\n", new[] { "10.0.0.3" })] // noise is skipped
    [InlineData("", new string[0])]
    public void ParseDns_OneServerPerLine(string output, string[] expected)
    {
        HelperScriptOutput.ParseDns(output).Should().Equal(expected.Select(IPAddress.Parse));
    }

    [Theory]
    [InlineData("Enabled\n", "Enabled")]
    [InlineData("Enabled (auto)", "Enabled")]
    [InlineData("Disabled\n", "Disabled")]
    [InlineData("enabled\n", "Disabled")] // the reference compares case-sensitively
    [InlineData("Unknown\n", "Unknown")]
    [InlineData("", "Unknown")]
    [InlineData("\nEnabled", "Unknown")] // only the first line counts
    public void ParseDhcp_FirstLine(string output, string expected)
    {
        HelperScriptOutput.ParseDhcp(output).Should().Be(Enum.Parse<DhcpState>(expected));
    }

    [Fact]
    public void GetConfiguration_Helpers_ReceiveTheInterfaceNameAsOneArgument()
    {
        // The name would be split or expanded if a shell parsed a command line.
        WriteScript(HelperScriptNetworkInspector.DnsHelper, "printf '10.0.0.2\\n'; [ \"$#\" = 1 ] && [ \"$1\" = 'eth1 $(x)' ] && printf '10.0.0.3\\n'");
        WriteScript(HelperScriptNetworkInspector.DhcpHelper, "[ \"$1\" = 'eth1 $(x)' ] && echo Enabled || echo Disabled");
        var inspector = Inspector(TimeSpan.FromSeconds(30));

        var configuration = inspector.GetConfiguration(Interface("eth1 $(x)", null, []));

        configuration.DnsServers.Should().Equal(IPAddress.Parse("10.0.0.2"), IPAddress.Parse("10.0.0.3"));
        configuration.Dhcp.Should().Be(DhcpState.Enabled);
    }

    [Fact]
    public void GetConfiguration_MissingHelpers_FallBackToTheInnerInspector()
    {
        var inner = new FakeNetworkInspector(null).WithConfiguration("eth1", DhcpState.Disabled, "10.9.9.9");
        var inspector = new HelperScriptNetworkInspector(inner, _scripts.Path, "/bin/sh", TimeSpan.FromSeconds(30), NullLogger.Instance);

        var configuration = inspector.GetConfiguration(Interface("eth1", null, []));

        configuration.Should().BeEquivalentTo(new InterfaceConfiguration([IPAddress.Parse("10.9.9.9")], DhcpState.Disabled));
    }

    [Fact]
    public void GetConfiguration_HangingHelper_IsKilledAtTheLimit()
    {
        // Both helpers hang, so the outcome does not depend on how fast a process starts on a loaded machine.
        WriteScript(HelperScriptNetworkInspector.DnsHelper, "sleep 600");
        WriteScript(HelperScriptNetworkInspector.DhcpHelper, "sleep 600");
        var inner = new FakeNetworkInspector(null).WithConfiguration("eth1", DhcpState.Disabled, "10.9.9.9");
        var inspector = new HelperScriptNetworkInspector(inner, _scripts.Path, "/bin/sh", TimeSpan.FromMilliseconds(300), NullLogger.Instance);
        var clock = Stopwatch.StartNew();

        var configuration = inspector.GetConfiguration(Interface("eth1", null, []));

        // The guard is generous: only a helper left running for its full 600 s would fail it.
        clock.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(60));
        configuration.DnsServers.Should().ContainSingle().Which.Should().Be(IPAddress.Parse("10.9.9.9"), "the killed DNS helper falls back");
        configuration.Dhcp.Should().Be(DhcpState.Disabled, "the killed DHCP helper falls back");
    }

    private HelperScriptNetworkInspector Inspector(TimeSpan timeout) =>
        new(new FakeNetworkInspector(null), _scripts.Path, "/bin/sh", timeout, NullLogger.Instance);

    private void WriteScript(string name, string body) => _scripts.Write(name, "#!/bin/sh\n" + body + "\n");
}
