// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

using System.Globalization;
using System.Runtime.Versioning;
using KvpDaemon.Intrinsic;
using KvpDaemon.Hosting;
using KvpDaemon.IpConfig;
using KvpDaemon.Network;
using KvpDaemon.Platform;
using KvpDaemon.Tests.Infrastructure;
using KvpDaemon.Tests.Network;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Internal;
using Microsoft.Extensions.Hosting.Systemd;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace KvpDaemon.Tests.Hosting;

/// <summary>
/// The reloader in process, wired as the daemon wires it (<see cref="KvpDaemonServiceCollectionExtensions.AddKvpDaemon"/>),
/// with a configuration file rewritten between reloads; <see cref="ConfigurationReloader.Reload"/> stands for SIGHUP.
/// </summary>
[SupportedOSPlatform("linux")]
public sealed class ConfigurationReloaderTests : IDisposable
{
    private readonly TempDirectory _directory = new();
    private readonly ConfigurationManager _configuration = new();
    private readonly IServiceCollection _services;
    private readonly ServiceProvider _provider;

    public ConfigurationReloaderTests()
    {
        File.WriteAllText(ConfigFile, """{ "LogLevel": "Information" }""");
        _configuration.AddKvpDaemonSources(new DaemonInvocation(
            null,
            ConfigFile,
            ConfigFileRequired: true,
            new Dictionary<string, string?> { ["Device"] = "unix:/run/test.sock", ["PoolDirectory"] = _directory.Combine("pools") }));
        IServiceCollection services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<IConfiguration>(_configuration);
        services.AddSingleton<IHostApplicationLifetime, ApplicationLifetime>();
        services.AddSingleton<INetworkInspector>(new FakeNetworkInspector(
            "eth0",
            FakeNetworkInspector.Interface("eth0", "00:15:5D:00:00:01", ["10.0.0.4/24"]),
            FakeNetworkInspector.Interface("docker0", "02:42:00:00:00:01", ["172.17.0.1/16"])));
        services.AddKvpDaemon(_configuration, KvpDialect.ForCurrentOperatingSystem());
        _services = services;
        _provider = services.BuildServiceProvider();
    }

    private string ConfigFile => _directory.Combine("hypervkvpd.json");

    private ConfigurationReloader Reloader => _provider.GetRequiredService<ConfigurationReloader>();

    public void Dispose()
    {
        _provider.Dispose();
        _configuration.Dispose();
        _directory.Dispose();
    }

    [Fact]
    public void Reload_NewRunTimeSettings_ReachTheLevelSwitchMonitorsAndConsumers()
    {
        var reloader = Reloader;
        var addresses = _provider.GetRequiredService<IAddressListSource>();
        addresses.GetAddressLists().IPv4.Should().Be("10.0.0.4", "docker0 is excluded by default");
        File.WriteAllText(ConfigFile, """
            {
              "LogLevel": "Debug",
              "Network": { "ExcludeInterfaces": [ "eth*" ] },
              "IpConfig": { "Backend": "iproute2", "DryRun": true }
            }
            """);

        var decision = reloader.Reload();

        decision.Errors.Should().BeEmpty();
        decision.Changes.Should().HaveCount(4);
        _provider.GetRequiredService<LogLevelSwitch>().Minimum.Should().Be(LogLevel.Debug);
        _provider.GetRequiredService<IOptionsMonitor<IpConfigOptions>>().CurrentValue
            .Should().Match<IpConfigOptions>(options => options.Backend == "iproute2" && options.DryRun);
        addresses.GetAddressLists().IPv4.Should().Be("172.17.0.1", "the reloaded list replaced the defaults");
    }

    [Theory]
    [InlineData("""{ "LogLevel": """, "Failed to load configuration from file")]
    [InlineData("""{ "LogLevel": "Loud" }""", "LogLevel: 'Loud'")]
    [InlineData("""{ "LogLevel": "7" }""", "LogLevel: '7'")]
    [InlineData("""{ "IpConfig": { "Backend": "teleport" } }""", "IpConfig:Backend")]
    [InlineData("""{ "IpConfig": { "DryRun": "perhaps" } }""", "IpConfig:DryRun")]
    [InlineData("""{ "Network": { "UseHelperScripts": "perhaps" } }""", "Network:UseHelperScripts")]
    public void Reload_BadFile_KeepsEverySettingAndNamesTheProblem(string json, string expected)
    {
        var reloader = Reloader;
        var ipConfig = _provider.GetRequiredService<IOptionsMonitor<IpConfigOptions>>().CurrentValue;
        File.WriteAllText(ConfigFile, json);

        var decision = reloader.Reload();

        decision.Rejected.Should().BeTrue();
        decision.Errors.Should().Contain(error => error.Contains(expected, StringComparison.Ordinal));
        _provider.GetRequiredService<LogLevelSwitch>().Minimum.Should().Be(LogLevel.Information);
        _provider.GetRequiredService<IOptionsMonitor<IpConfigOptions>>().CurrentValue.Should().BeSameAs(ipConfig);
    }

    [Fact]
    public void Reload_AfterStart_FramedByReloadingAndReadyNotifications()
    {
        var notifier = new RecordingNotifier();
        IServiceCollection services = new ServiceCollection();
        foreach (var service in _services)
        {
            services.Add(service);
        }

        services.AddSingleton<ISystemdNotifier>(notifier);
        using var provider = services.BuildServiceProvider();
        ((ApplicationLifetime)provider.GetRequiredService<IHostApplicationLifetime>()).NotifyStarted();

        provider.GetRequiredService<ConfigurationReloader>().Reload();

        notifier.States.Should().HaveCount(2);
        var reloading = notifier.States[0].Split('\n');
        reloading.Should().HaveCount(2);
        reloading[0].Should().Be("RELOADING=1");
        reloading[1].Should().StartWith("MONOTONIC_USEC=");
        long.Parse(reloading[1]["MONOTONIC_USEC=".Length..], NumberStyles.None, CultureInfo.InvariantCulture).Should().BePositive();
        notifier.States[1].Should().Be("READY=1");
    }

    [Fact]
    public void Reload_ConfigFileDeleted_IsAnErrorNotAReturnToDefaults()
    {
        var reloader = Reloader;
        File.WriteAllText(ConfigFile, """{ "LogLevel": "Warning" }""");
        reloader.Reload().Rejected.Should().BeFalse();
        File.Delete(ConfigFile);

        var decision = reloader.Reload();

        decision.Errors.Should().Equal($"The configuration file {ConfigFile} does not exist.");
        _provider.GetRequiredService<LogLevelSwitch>().Minimum.Should().Be(LogLevel.Warning);
    }

    [Fact]
    public void Reload_AfterABadFile_AGoodFileAppliesAgain()
    {
        var reloader = Reloader;
        File.WriteAllText(ConfigFile, "not json");
        reloader.Reload().Rejected.Should().BeTrue();
        File.WriteAllText(ConfigFile, """{ "LogLevel": "Error", "PoolDirectory": "/elsewhere" }""");

        var decision = reloader.Reload();

        decision.Changes.Should().Equal("LogLevel: Information -> Error");
        decision.RestartRequired.Should().BeEmpty("the command line's --pool-dir still wins over the file");
        _provider.GetRequiredService<LogLevelSwitch>().Minimum.Should().Be(LogLevel.Error);
    }

    /// <summary>The notifications as systemd would receive them.</summary>
    private sealed class RecordingNotifier : ISystemdNotifier
    {
        public List<string> States { get; } = [];

        public bool IsEnabled => true;

        public void Notify(ServiceState state) => States.Add(state.ToString());
    }
}
