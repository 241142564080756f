// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

using KvpDaemon.IpConfig;

namespace KvpDaemon.Tests.IpConfig;

/// <summary>Adapter-id lookup (docs/protocol.md 6.1, 2.6) and the automatic backend choice, on directory trees.</summary>
public sealed class AdapterAndBackendSelectionTests : IDisposable
{
    private readonly IpConfigTestSystem _system = new();

    public void Dispose() => _system.Dispose();

    [Fact]
    public void Resolve_SysfsDeviceId_GivesInterfaceAndUpperCaseMac()
    {
        _system.AddInterface("eth1", "{00000000-1111-4222-8333-444444444444}", "00:15:5d:aa:bb:cc", 3);
        var resolver = new AdapterResolver(new Dictionary<string, string>(), new SysfsInterfaceCatalog(_system.SysfsRoot), IpConfigPlatform.Linux);

        resolver.Resolve("{00000000-1111-4222-8333-444444444444}").Should().Be(new ResolvedAdapter("eth1", "00:15:5D:AA:BB:CC"));
        resolver.Resolve("{00000000-1111-4222-8333-444444444445}").Should().BeNull();
    }

    [Fact]
    public void Resolve_MapEntry_WinsOverSysfs()
    {
        var map = new Dictionary<string, string> { [IpConfigTestSystem.Guid.ToUpperInvariant()] = "eth7" };
        var resolver = new AdapterResolver(map, new SysfsInterfaceCatalog(_system.SysfsRoot), IpConfigPlatform.Linux);

        resolver.Resolve(IpConfigTestSystem.Guid)!.InterfaceName.Should().Be("eth7");
    }

    [Fact]
    public void Resolve_FreeBsdGuidWithoutMap_IsNotFound()
    {
        var resolver = new AdapterResolver(new Dictionary<string, string>(), new SysfsInterfaceCatalog(_system.SysfsRoot), IpConfigPlatform.FreeBsd);

        resolver.Resolve("eth0")!.InterfaceName.Should().Be("eth0");
        resolver.Resolve("eth5").Should().BeNull();
    }

    [Theory]
    [InlineData("run/NetworkManager/", "usr/bin/nmcli", IpConfigBackendNames.NetworkManager)]
    [InlineData("run/systemd/netif/links/", "run/systemd/netif/links/2", IpConfigBackendNames.Networkd)]
    [InlineData("etc/netplan/", "etc/netplan/50-cloud-init.yaml", IpConfigBackendNames.Netplan)]
    [InlineData("etc/sysconfig/network-scripts/", null, IpConfigBackendNames.Ifcfg)]
    [InlineData(null, null, IpConfigBackendNames.Iproute2)]
    public void Select_Auto_FollowsWhatManagesTheInterface(string? directory, string? file, string expected)
    {
        if (directory is not null)
        {
            Directory.CreateDirectory(_system.UnderRoot("/" + directory));
        }

        if (file is not null)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(_system.UnderRoot("/" + file))!);
            File.WriteAllText(_system.UnderRoot("/" + file), string.Empty);
        }

        var selector = new IpConfigBackendSelector(_system.Root, new SysfsInterfaceCatalog(_system.SysfsRoot));

        selector.Select(new IpConfigOptions { Backend = "auto" }, "eth0", IpConfigPlatform.Linux).Should().Be(expected);
    }

    [Fact]
    public void Select_Auto_IfupdownWhenInterfacesFileNamesTheInterface()
    {
        Directory.CreateDirectory(_system.UnderRoot("/etc/network"));
        File.WriteAllText(_system.UnderRoot("/etc/network/interfaces"), "auto lo\niface lo inet loopback\nallow-hotplug eth0\niface eth0 inet dhcp\n");
        var selector = new IpConfigBackendSelector(_system.Root, new SysfsInterfaceCatalog(_system.SysfsRoot));

        selector.Select(new IpConfigOptions { Backend = "auto" }, "eth0", IpConfigPlatform.Linux).Should().Be(IpConfigBackendNames.Ifupdown);
        selector.Select(new IpConfigOptions { Backend = "auto" }, "eth1", IpConfigPlatform.Linux).Should().Be(IpConfigBackendNames.Iproute2);
    }

    [Fact]
    public void Select_ScriptConfiguredOrFreeBsd_OverridesDetection()
    {
        var selector = new IpConfigBackendSelector(_system.Root, new SysfsInterfaceCatalog(_system.SysfsRoot));

        selector.Select(new IpConfigOptions { Backend = "auto", SetIfconfigScript = "/x" }, "eth0", IpConfigPlatform.Linux)
            .Should().Be(IpConfigBackendNames.Script);
        selector.Select(new IpConfigOptions { Backend = "auto" }, "hn0", IpConfigPlatform.FreeBsd).Should().Be(IpConfigBackendNames.FreeBsd);
        selector.Select(new IpConfigOptions { Backend = "Netplan" }, "eth0", IpConfigPlatform.Linux).Should().Be(IpConfigBackendNames.Netplan);
        var unknown = () => selector.Select(new IpConfigOptions { Backend = "wicked" }, "eth0", IpConfigPlatform.Linux);
        unknown.Should().Throw<InvalidOperationException>();
    }

    [Fact]
    public void Validator_Defaults_AreValidOnBothPlatforms()
    {
        foreach (var platform in new[] { IpConfigPlatform.Linux, IpConfigPlatform.FreeBsd })
        {
            var options = new IpConfigOptions();
            options.ApplyDefaults(platform);

            new IpConfigOptionsValidator().Validate(null, options).Succeeded.Should().BeTrue();
            options.TotalBudget.Should().BeLessThan(platform == IpConfigPlatform.Linux ? TimeSpan.FromSeconds(30) : TimeSpan.FromSeconds(5));
        }
    }

    [Fact]
    public void Validator_ScriptBackendWithoutScript_Fails()
    {
        var options = new IpConfigOptions { Backend = "script" };
        options.ApplyDefaults(IpConfigPlatform.Linux);

        new IpConfigOptionsValidator().Validate(null, options).Failed.Should().BeTrue();
    }
}
