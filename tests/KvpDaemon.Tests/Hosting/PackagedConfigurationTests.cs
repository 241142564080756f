// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

using System.Runtime.Versioning;
using KvpDaemon.Hosting;
using KvpDaemon.Network;
using KvpDaemon.Platform;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace KvpDaemon.Tests.Hosting;

/// <summary>
/// packaging/config/hypervkvpd.json holds every key at its built-in default (packaging/config/README.md): read through
/// the daemon's own option pipeline it validates and gives the same settings as no file at all. Linux only: the
/// defaults are per OS.
/// </summary>
[SupportedOSPlatform("linux")]
public class PackagedConfigurationTests
{
    [Fact]
    public void LinuxConfigFile_ReadAsTheDaemonDoes_EqualsTheBuiltInDefaults()
    {
        var path = Path.Combine(RepositoryRoot(), "packaging", "config", "hypervkvpd.json");

        var packaged = Read(path);
        var defaults = Read(null);

        packaged.Errors.Should().BeEmpty();
        defaults.Errors.Should().BeEmpty();
        packaged.Settings!.Daemon.Should().BeEquivalentTo(defaults.Settings!.Daemon);
        // "" is how JSON spells "no script"; the built-in default is null, and both mean none.
        packaged.Settings.IpConfig.Should().BeEquivalentTo(defaults.Settings.IpConfig, options => options.Excluding(o => o.SetIfconfigScript));
        packaged.Settings.IpConfig.SetIfconfigScript.Should().BeEmpty();
        packaged.Settings.Network.GetExcludeInterfaces().Should().Equal(NetworkOptions.DefaultExcludeInterfaces);
        packaged.Settings.Network.UseHelperScripts.Should().BeFalse();
        packaged.Settings.Network.ScriptsDirectory.Should().Be(NetworkOptions.DefaultScriptsDirectory());
        ReloadDecision.Decide(defaults.Settings, packaged).Changes.Should().BeEmpty();
    }

    [Fact]
    public void ConfigFiles_BothOses_NameTheSameKeys()
    {
        var directory = Path.Combine(RepositoryRoot(), "packaging", "config");

        Keys(Path.Combine(directory, "hypervkvpd.freebsd.json"))
            .Should().Equal(Keys(Path.Combine(directory, "hypervkvpd.json")));
        Keys(Path.Combine(directory, "hypervkvpd.json")).Should().Contain(ReloadDecision.Reloadable.Concat(ReloadDecision.RestartOnly));
    }

    private static List<string> Keys(string path)
    {
        var configuration = new ConfigurationBuilder().AddJsonFile(path).Build();
        return configuration.AsEnumerable()
            .Select(pair => pair.Key)
            .Where(key => !key.StartsWith("Network:ExcludeInterfaces:", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .ToList();
    }

    private static DaemonSettingsReadResult Read(string? file)
    {
        var configuration = new ConfigurationManager();
        if (file is not null)
        {
            configuration.AddJsonFile(file);
        }

        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddKvpDaemon(configuration, KvpDialect.ForCurrentOperatingSystem());
        using var provider = services.BuildServiceProvider();
        return provider.GetRequiredService<DaemonSettingsReader>().Read();
    }

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (Directory.Exists(Path.Combine(directory.FullName, "packaging", "config")))
            {
                return directory.FullName;
            }
        }

        throw new DirectoryNotFoundException("packaging/config is not above the test output directory.");
    }
}
