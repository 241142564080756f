// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

using System.Reflection;
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

    [Fact]
    public void Tables_EveryPropertyOfEveryOptionsType_HasExactlyOneRow()
    {
        foreach (var (type, rows) in Tables())
        {
            rows.Select(row => row.Property).Should().OnlyHaveUniqueItems(type.Name)
                .And.BeEquivalentTo(Properties(type).Select(property => property.Name), "{0} needs one table row per setting", type.Name);
        }
    }

    [Fact]
    public void Decide_EverySettingChanged_TakesTheReloadableOnesAndKeepsTheOthers()
    {
        // Every property of every options type gets a different value in the two settings, so a row that shows or
        // copies another property than its own, or a property without a row, shows up here.
        var current = new DaemonSettings(Filled<KvpDaemonOptions>(0), Filled<NetworkOptions>(0), Filled<IpConfigOptions>(0));
        var next = new DaemonSettings(Filled<KvpDaemonOptions>(1), Filled<NetworkOptions>(1), Filled<IpConfigOptions>(1));

        var decision = Decide(current, next);

        decision.Changes.Select(change => change[..change.IndexOf(": ", StringComparison.Ordinal)]).Should().Equal(ReloadDecision.Reloadable);
        decision.RestartRequired.Should().Equal(ReloadDecision.RestartOnly);
        foreach (var (type, rows) in Tables())
        {
            var (before, after, merged) = (Section(current, type), Section(next, type), Section(decision.Settings, type));
            foreach (var row in rows)
            {
                var property = type.GetProperty(row.Property)!;
                var expected = property.GetValue(row.Applies == SettingApplies.OnReload ? after : before);
                property.GetValue(merged).Should().Be(expected, "{0}.{1} is {2}", type.Name, row.Property, row.Applies);
            }
        }
    }

    /// <summary>Each options type with its table's rows (property, applies).</summary>
    private static IEnumerable<(Type Type, IReadOnlyList<(string Property, SettingApplies Applies)> Rows)> Tables() =>
    [
        (typeof(KvpDaemonOptions), [.. KvpDaemonOptions.Table.Settings.Select(row => (row.Property, row.Applies))]),
        (typeof(NetworkOptions), [.. NetworkOptions.Table.Settings.Select(row => (row.Property, row.Applies))]),
        (typeof(IpConfigOptions), [.. IpConfigOptions.Table.Settings.Select(row => (row.Property, row.Applies))]),
    ];

    private static IEnumerable<PropertyInfo> Properties(Type type) =>
        type.GetProperties(BindingFlags.Public | BindingFlags.Instance);

    private static object Section(DaemonSettings settings, Type type) =>
        type == typeof(KvpDaemonOptions) ? settings.Daemon
        : type == typeof(NetworkOptions) ? settings.Network
        : type == typeof(IpConfigOptions) ? settings.IpConfig
        : throw new ArgumentOutOfRangeException(nameof(type), type, "Not a section of DaemonSettings.");

    /// <summary>An options object whose every property holds a value of its own: variant 0 and 1 differ everywhere.</summary>
    private static T Filled<T>(int variant)
        where T : new()
    {
        var options = new T();
        foreach (var property in Properties(typeof(T)))
        {
            property.SetValue(options, Sample(property.PropertyType, $"{property.Name}{variant}", variant));
        }

        return options;
    }

    private static object Sample(Type type, string text, int variant) =>
        type == typeof(string) ? text
        : type == typeof(bool) ? variant == 1
        : type == typeof(TimeSpan) ? TimeSpan.FromSeconds(1 + variant)
        : type == typeof(string[]) ? new[] { text }
        : type == typeof(Dictionary<string, string>) ? new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase) { [text] = "eth" + variant }
        : throw new NotSupportedException($"No sample value for a setting of type {type}: add one to {nameof(Sample)}.");
}
