// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

using KvpDaemon.Hosting;
using KvpDaemon.Platform;

namespace KvpDaemon.Tests.Hosting;

public sealed class DaemonCommandLineTests
{
    private readonly StringWriter _output = new();
    private readonly StringWriter _error = new();

    [Fact]
    public void Parse_EveryOption_BecomesAConfigurationOverride()
    {
        var invocation = Parse("--device", "unix:/run/sim.sock", "--pool-dir=/tmp/pools", "--abi", "freebsd", "-d", "-n", "--config", "/etc/k.json");

        invocation.ExitCode.Should().BeNull();
        invocation.Overrides.Should().BeEquivalentTo(new Dictionary<string, string?>
        {
            ["Device"] = "unix:/run/sim.sock",
            ["PoolDirectory"] = "/tmp/pools",
            ["Abi"] = "freebsd",
            ["LogLevel"] = "Debug",
        });
        invocation.ConfigFile.Should().Be("/etc/k.json");
        invocation.ConfigFileRequired.Should().BeTrue();
    }

    [Fact]
    public void Parse_NoArguments_UsesTheOptionalDefaultConfigFile()
    {
        var invocation = Parse();

        invocation.ConfigFile.Should().Be(KvpDialect.ForCurrentOperatingSystem().DefaultConfigFile);
        invocation.ConfigFileRequired.Should().BeFalse();
        invocation.Overrides.Should().BeEmpty();
    }

    [Theory]
    [InlineData("--abi", "sparc")]
    [InlineData("--pool-dir")]
    [InlineData("--device=")]
    [InlineData("--bogus")]
    [InlineData("extra")]
    public void Parse_UsageError_ExitsTwoWithAMessage(params string[] args)
    {
        Parse(args).ExitCode.Should().Be(2);
        _error.ToString().Should().StartWith("hypervkvpd: ").And.Contain("--help");
    }

    [Theory]
    [InlineData("--help")]
    [InlineData("-h")]
    public void Parse_Help_PrintsEveryOptionAndExitsZero(string option)
    {
        Parse(option).ExitCode.Should().Be(0);
        _output.ToString().Should().Contain("--device").And.Contain("--pool-dir").And.Contain("--abi").And.Contain("--config")
            .And.Contain("--debug").And.Contain("--no-daemon").And.Contain("--version");
    }

    [Fact]
    public void Parse_Version_PrintsTheVersionAndExitsZero()
    {
        Parse("--version").ExitCode.Should().Be(0);
        _output.ToString().Trim().Should().Be(ThisAssembly.InformationalVersion);
    }

    private DaemonInvocation Parse(params string[] args) =>
        DaemonCommandLine.Parse(args, KvpDialect.ForCurrentOperatingSystem(), _output, _error);
}
