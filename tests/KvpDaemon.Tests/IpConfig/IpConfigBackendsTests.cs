// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

using KvpDaemon.IpConfig;

namespace KvpDaemon.Tests.IpConfig;

/// <summary>The backend registry: each row builds the backend it is named for, and nothing else is accepted.</summary>
public class IpConfigBackendsTests
{
    private static readonly IpConfigOptions WithScript = new() { SetIfconfigScript = "/usr/libexec/hv_set_ifconfig", StateDirectory = "/var/lib/hyperv" };

    public static TheoryData<string> Registered() => new(IpConfigBackends.Names.Where(name => name != IpConfigBackendNames.Auto));

    [Theory]
    [MemberData(nameof(Registered))]
    public void Create_EveryRegisteredName_BuildsTheBackendOfThatName(string name)
    {
        IpConfigBackends.Create(name, WithScript, IpConfigPlatform.Linux).Name.Should().Be(name);
    }

    [Fact]
    public void Names_AreAutoAndTheEightBackends()
    {
        IpConfigBackends.Names.Should().Equal(
            "auto", "networkmanager", "networkd", "netplan", "ifupdown", "ifcfg", "iproute2", "freebsd", "script");
    }

    [Fact]
    public void Create_UnknownName_Throws()
    {
        var act = () => IpConfigBackends.Create("connman", WithScript, IpConfigPlatform.Linux);

        act.Should().Throw<InvalidOperationException>().WithMessage("Unknown IpConfig backend 'connman'.");
    }

    [Fact]
    public void Create_ScriptWithoutItsScript_Throws()
    {
        var act = () => IpConfigBackends.Create(IpConfigBackendNames.Script, new IpConfigOptions(), IpConfigPlatform.Linux);

        act.Should().Throw<InvalidOperationException>().WithMessage("The script backend needs IpConfig:SetIfconfigScript.");
    }
}
