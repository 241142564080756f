// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

using KvpDaemon.Network;
using Microsoft.Extensions.Configuration;

namespace KvpDaemon.Tests.Network;

public class NetworkOptionsTests
{
    private static NetworkOptions Bind(Dictionary<string, string?> values)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        var options = new NetworkOptions();
        options.Bind(configuration.GetSection(NetworkOptions.SectionName));
        return options;
    }

    [Fact]
    public void Bind_Nothing_KeepsTheDefaults()
    {
        var options = Bind([]);
        options.GetExcludeInterfaces().Should().Equal(NetworkOptions.DefaultExcludeInterfaces);
        options.UseHelperScripts.Should().BeFalse();
        options.ScriptsDirectory.Should().BeNull();
    }

    [Fact]
    public void Bind_Array_ReplacesTheDefaultsInsteadOfAppending()
    {
        var options = Bind(new()
        {
            ["Network:ExcludeInterfaces:0"] = "docker*",
            ["Network:ExcludeInterfaces:1"] = "tun*",
            ["Network:UseHelperScripts"] = "true",
            ["Network:ScriptsDirectory"] = "/usr/lib/hyperv/kvp_scripts",
        });

        options.GetExcludeInterfaces().Should().Equal("docker*", "tun*");
        options.UseHelperScripts.Should().BeTrue();
        options.ScriptsDirectory.Should().Be("/usr/lib/hyperv/kvp_scripts");
    }

    [Fact]
    public void Bind_EmptyString_ExcludesNothing()
    {
        Bind(new() { ["Network:ExcludeInterfaces"] = string.Empty }).GetExcludeInterfaces().Should().BeEmpty();
    }

    [Fact]
    public void Bind_BadBoolean_Throws()
    {
        var act = () => Bind(new() { ["Network:UseHelperScripts"] = "sometimes" });
        act.Should().Throw<InvalidOperationException>();
    }
}
