// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

using KvpDaemon.Hosting;
using KvpDaemon.IpConfig;
using KvpDaemon.Network;

namespace KvpDaemon.Tests.Hosting;

public class ReloadDecisionTests
{
    private static DaemonSettings Settings(
        string logLevel = "Information",
        string device = "/dev/vmbus/hv_kvp",
        string[]? exclude = null,
        bool useHelperScripts = false,
        string backend = "auto",
        bool dryRun = false,
        string? script = null,
        string root = "/",
        Dictionary<string, string>? adapterMap = null)
    {
        var ipConfig = new IpConfigOptions
        {
            Backend = backend,
            DryRun = dryRun,
            SetIfconfigScript = script,
            Root = root,
            AdapterMap = adapterMap ?? new(StringComparer.OrdinalIgnoreCase),
        };
        ipConfig.ApplyDefaults(IpConfigPlatform.Linux);
        return new DaemonSettings(
            new KvpDaemonOptions { Device = device, PoolDirectory = "/var/lib/hyperv", Abi = "linux", LogLevel = logLevel },
            new NetworkOptions { ExcludeInterfaces = exclude, UseHelperScripts = useHelperScripts },
            ipConfig);
    }

    private static ReloadDecision Decide(DaemonSettings current, DaemonSettings next) =>
        ReloadDecision.Decide(current, new DaemonSettingsReadResult(next, []));

    [Fact]
    public void Decide_RunTimeSettingsChanged_TakesThemAndListsEachChange()
    {
        var decision = Decide(
            Settings(),
            Settings(logLevel: "debug", exclude: ["eth9"], backend: "script", dryRun: true, script: "/usr/libexec/hypervkvpd/hv_set_ifconfig"));

        decision.Rejected.Should().BeFalse();
        decision.Changes.Should().Equal(
            "LogLevel: Information -> Debug",
            "Network:ExcludeInterfaces: [docker*, veth*, br-*, virbr*, cni*, flannel*, cali*] -> [eth9]",
            "IpConfig:Backend: auto -> script",
            "IpConfig:DryRun: false -> true",
            "IpConfig:SetIfconfigScript: (none) -> /usr/libexec/hypervkvpd/hv_set_ifconfig");
        decision.RestartRequired.Should().BeEmpty();
        decision.Settings.Daemon.LogLevel.Should().Be("debug");
        decision.Settings.Network.GetExcludeInterfaces().Should().Equal("eth9");
        decision.Settings.IpConfig.Backend.Should().Be("script");
        decision.Settings.IpConfig.DryRun.Should().BeTrue();
        decision.Settings.IpConfig.SetIfconfigScript.Should().Be("/usr/libexec/hypervkvpd/hv_set_ifconfig");
    }

    [Fact]
    public void Decide_StartOnlySettingsChanged_KeepsTheCurrentValuesAndNamesThemForARestart()
    {
        var current = Settings();
        var decision = Decide(
            current,
            Settings(device: "unix:/run/sim.sock", useHelperScripts: true, root: "/mnt/image", adapterMap: new() { ["{A}"] = "eth1" }));

        decision.Rejected.Should().BeFalse();
        decision.Changes.Should().BeEmpty();
        decision.RestartRequired.Should().Equal("Device", "Network:UseHelperScripts", "IpConfig:Root", "IpConfig:AdapterMap");
        decision.Settings.Daemon.Device.Should().Be("/dev/vmbus/hv_kvp");
        decision.Settings.Network.UseHelperScripts.Should().BeFalse();
        decision.Settings.IpConfig.Root.Should().Be("/");
        decision.Settings.IpConfig.AdapterMap.Should().BeSameAs(current.IpConfig.AdapterMap);
    }

    [Fact]
    public void Decide_MixedChanges_AppliesOnlyTheRunTimeOnes()
    {
        var decision = Decide(Settings(), Settings(logLevel: "Warning", device: "/dev/other"));

        decision.Changes.Should().Equal("LogLevel: Information -> Warning");
        decision.RestartRequired.Should().Equal("Device");
        decision.Settings.Daemon.Should().BeEquivalentTo(new KvpDaemonOptions
        {
            Device = "/dev/vmbus/hv_kvp",
            PoolDirectory = "/var/lib/hyperv",
            Abi = "linux",
            LogLevel = "Warning",
        });
    }

    [Fact]
    public void Decide_SameSettingsSpelledDifferently_ChangesNothing()
    {
        var decision = Decide(Settings(logLevel: "Debug", backend: "auto"), Settings(logLevel: "DEBUG", backend: " Auto "));

        decision.Rejected.Should().BeFalse();
        decision.Changes.Should().BeEmpty();
        decision.RestartRequired.Should().BeEmpty();
    }

    [Fact]
    public void Decide_ReadErrors_KeepsTheCurrentSettingsAndReportsTheErrors()
    {
        var current = Settings();
        var errors = new[] { "LogLevel: 'Loud' is not one of Trace, Debug, Information, Warning, Error, Critical, None." };

        var decision = ReloadDecision.Decide(current, DaemonSettingsReadResult.Failed(errors));

        decision.Rejected.Should().BeTrue();
        decision.Errors.Should().Equal(errors);
        decision.Settings.Should().BeSameAs(current);
        decision.Changes.Should().BeEmpty();
    }

    [Fact]
    public void Lists_EverySettingIsEitherReloadableOrRestartOnly()
    {
        ReloadDecision.Reloadable.Intersect(ReloadDecision.RestartOnly).Should().BeEmpty();
        ReloadDecision.Reloadable.Concat(ReloadDecision.RestartOnly).Should().BeEquivalentTo(
            typeof(KvpDaemonOptions).GetProperties().Select(p => p.Name)
                .Concat(typeof(NetworkOptions).GetProperties().Select(p => "Network:" + p.Name))
                .Concat(typeof(IpConfigOptions).GetProperties().Select(p => "IpConfig:" + p.Name)));
    }
}
