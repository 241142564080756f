// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

using System.Globalization;
using KvpDaemon.IpConfig;
using KvpDaemon.Network;

namespace KvpDaemon.Hosting;

/// <summary>
/// What a SIGHUP reload does with newly read settings, decided without side effects: rejected whole when any setting
/// is bad (the daemon keeps running with the settings it has); otherwise the settings that apply at run time are taken
/// from the new configuration and those that do not keep their current values and are reported as needing a restart.
/// </summary>
/// <param name="Settings">The settings to put in effect (the current ones when rejected).</param>
/// <param name="Changes">"Setting: old -> new" for each run-time setting that changed.</param>
/// <param name="RestartRequired">The names of settings that changed but apply only after a restart.</param>
/// <param name="Errors">Why the new configuration was rejected; empty when it was taken.</param>
internal sealed record ReloadDecision(
    DaemonSettings Settings,
    IReadOnlyList<string> Changes,
    IReadOnlyList<string> RestartRequired,
    IReadOnlyList<string> Errors)
{
    /// <summary>Settings that SIGHUP applies (each read per request by its consumer).</summary>
    public static readonly IReadOnlyList<string> Reloadable =
    [
        KvpDaemonOptions.Keys.LogLevel,
        "Network:ExcludeInterfaces",
        "IpConfig:Backend",
        "IpConfig:DryRun",
        "IpConfig:SetIfconfigScript",
        "IpConfig:ManageResolvConf",
        "IpConfig:CommandTimeout",
        "IpConfig:TotalBudget",
    ];

    /// <summary>
    /// Settings fixed when the daemon starts: the device, pools and ABI of the registration, the network inspector
    /// (built once with or without the helper scripts) and the adapter lookup and file locations of IP injection.
    /// </summary>
    public static readonly IReadOnlyList<string> RestartOnly =
    [
        KvpDaemonOptions.Keys.Device,
        KvpDaemonOptions.Keys.PoolDirectory,
        KvpDaemonOptions.Keys.Abi,
        "Network:UseHelperScripts",
        "Network:ScriptsDirectory",
        "IpConfig:StateDirectory",
        "IpConfig:SysfsRoot",
        "IpConfig:Root",
        "IpConfig:AdapterMap",
    ];

    /// <summary>Whether the new configuration was refused.</summary>
    public bool Rejected => Errors.Count > 0;

    /// <summary>Decides what a reload from <paramref name="current"/> to what was read does.</summary>
    public static ReloadDecision Decide(DaemonSettings current, DaemonSettingsReadResult read)
    {
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(read);
        if (read.Settings is not { } next || read.Errors.Count > 0)
        {
            return new ReloadDecision(current, [], [], read.Errors.Count > 0 ? read.Errors : ["The configuration could not be read."]);
        }

        var changes = new List<string>();
        var restart = new List<string>();

        var (oldDaemon, newDaemon) = (current.Daemon, next.Daemon);
        Compare(restart, KvpDaemonOptions.Keys.Device, oldDaemon.Device, newDaemon.Device);
        Compare(restart, KvpDaemonOptions.Keys.PoolDirectory, oldDaemon.PoolDirectory, newDaemon.PoolDirectory);
        Compare(restart, KvpDaemonOptions.Keys.Abi, oldDaemon.Abi.ToLowerInvariant(), newDaemon.Abi.ToLowerInvariant());
        Change(changes, KvpDaemonOptions.Keys.LogLevel, LevelName(oldDaemon.LogLevel), LevelName(newDaemon.LogLevel));
        var daemon = new KvpDaemonOptions
        {
            Device = oldDaemon.Device,
            PoolDirectory = oldDaemon.PoolDirectory,
            Abi = oldDaemon.Abi,
            LogLevel = newDaemon.LogLevel,
        };

        var (oldNetwork, newNetwork) = (current.Network, next.Network);
        Change(changes, "Network:ExcludeInterfaces", List(oldNetwork.GetExcludeInterfaces()), List(newNetwork.GetExcludeInterfaces()));
        Compare(restart, "Network:UseHelperScripts", Flag(oldNetwork.UseHelperScripts), Flag(newNetwork.UseHelperScripts));
        Compare(restart, "Network:ScriptsDirectory", oldNetwork.ScriptsDirectory ?? string.Empty, newNetwork.ScriptsDirectory ?? string.Empty);
        var network = new NetworkOptions
        {
            ExcludeInterfaces = newNetwork.ExcludeInterfaces,
            UseHelperScripts = oldNetwork.UseHelperScripts,
            ScriptsDirectory = oldNetwork.ScriptsDirectory,
        };

        var (oldIp, newIp) = (current.IpConfig, next.IpConfig);
        Change(changes, "IpConfig:Backend", oldIp.Backend.Trim().ToLowerInvariant(), newIp.Backend.Trim().ToLowerInvariant());
        Change(changes, "IpConfig:DryRun", Flag(oldIp.DryRun), Flag(newIp.DryRun));
        Change(changes, "IpConfig:SetIfconfigScript", oldIp.SetIfconfigScript ?? string.Empty, newIp.SetIfconfigScript ?? string.Empty);
        Change(changes, "IpConfig:ManageResolvConf", Flag(oldIp.ManageResolvConf), Flag(newIp.ManageResolvConf));
        Change(changes, "IpConfig:CommandTimeout", Duration(oldIp.CommandTimeout), Duration(newIp.CommandTimeout));
        Change(changes, "IpConfig:TotalBudget", Duration(oldIp.TotalBudget), Duration(newIp.TotalBudget));
        Compare(restart, "IpConfig:StateDirectory", oldIp.StateDirectory, newIp.StateDirectory);
        Compare(restart, "IpConfig:SysfsRoot", oldIp.SysfsRoot, newIp.SysfsRoot);
        Compare(restart, "IpConfig:Root", oldIp.Root, newIp.Root);
        Compare(restart, "IpConfig:AdapterMap", Map(oldIp.AdapterMap), Map(newIp.AdapterMap));
        var ipConfig = new IpConfigOptions
        {
            Backend = newIp.Backend,
            DryRun = newIp.DryRun,
            SetIfconfigScript = newIp.SetIfconfigScript,
            ManageResolvConf = newIp.ManageResolvConf,
            CommandTimeout = newIp.CommandTimeout,
            TotalBudget = newIp.TotalBudget,
            StateDirectory = oldIp.StateDirectory,
            SysfsRoot = oldIp.SysfsRoot,
            Root = oldIp.Root,
            AdapterMap = oldIp.AdapterMap,
        };

        return new ReloadDecision(new DaemonSettings(daemon, network, ipConfig), changes, restart, []);
    }

    private static void Change(List<string> changes, string name, string before, string after)
    {
        if (!string.Equals(before, after, StringComparison.Ordinal))
        {
            changes.Add($"{name}: {Shown(before)} -> {Shown(after)}");
        }
    }

    private static void Compare(List<string> restart, string name, string before, string after)
    {
        if (!string.Equals(before, after, StringComparison.Ordinal))
        {
            restart.Add(name);
        }
    }

    private static string Shown(string value) => value.Length == 0 ? "(none)" : value;

    /// <summary>The level's canonical name, so "debug" and "Debug" are no change.</summary>
    private static string LevelName(string level) =>
        Enum.TryParse<Microsoft.Extensions.Logging.LogLevel>(level, ignoreCase: true, out var parsed) ? parsed.ToString() : level;

    private static string Flag(bool value) => value ? "true" : "false";

    private static string Duration(TimeSpan value) => value.ToString("c", CultureInfo.InvariantCulture);

    private static string List(IReadOnlyList<string> items) => "[" + string.Join(", ", items) + "]";

    /// <summary>The map in a canonical order; keys compare without regard to letter case, as the map does.</summary>
    private static string Map(Dictionary<string, string> map) => string.Join(
        ", ",
        map.OrderBy(pair => pair.Key, StringComparer.OrdinalIgnoreCase)
            .Select(pair => pair.Key.ToUpperInvariant() + "=" + pair.Value));
}
