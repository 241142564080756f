// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

using KvpDaemon.IpConfig;
using KvpDaemon.Network;

namespace KvpDaemon.Hosting;

/// <summary>
/// What a SIGHUP reload does with newly read settings, decided without side effects: rejected whole when any setting
/// is bad (the daemon keeps running with the settings it has); otherwise the settings that apply at run time are taken
/// from the new configuration and those that do not keep their current values and are reported as needing a restart.
/// Which is which comes from the options types' tables (<see cref="KvpDaemonOptions.Table"/>,
/// <see cref="NetworkOptions.Table"/>, <see cref="IpConfigOptions.Table"/>); nothing here names a setting.
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
    /// <summary>Settings that SIGHUP applies (each read by its consumer when needed).</summary>
    public static readonly IReadOnlyList<string> Reloadable = [.. Keys(SettingApplies.OnReload)];

    /// <summary>
    /// Settings fixed when the daemon starts: the device, pools and ABI of the registration, the network inspector
    /// (built once with or without the helper scripts) and the adapter lookup and file locations of IP injection.
    /// </summary>
    public static readonly IReadOnlyList<string> RestartOnly = [.. Keys(SettingApplies.OnRestart)];

    /// <summary>Whether the new configuration was refused.</summary>
    public bool Rejected => Errors.Count > 0;

    /// <summary>Decides what a reload from <paramref name="current"/> to what was read does.</summary>
    public static ReloadDecision Decide(DaemonSettings current, DaemonSettingsReadResult read)
    {
        if (read.Settings is not { } next || read.Errors.Count > 0)
        {
            return new ReloadDecision(current, [], [], read.Errors.Count > 0 ? read.Errors : ["The configuration could not be read."]);
        }

        var changes = new List<string>();
        var restart = new List<string>();
        var settings = new DaemonSettings(
            KvpDaemonOptions.Table.Merge(current.Daemon, next.Daemon, changes, restart),
            NetworkOptions.Table.Merge(current.Network, next.Network, changes, restart),
            IpConfigOptions.Table.Merge(current.IpConfig, next.IpConfig, changes, restart));
        return new ReloadDecision(settings, changes, restart, []);
    }

    private static IEnumerable<string> Keys(SettingApplies applies) =>
        KvpDaemonOptions.Table.Keys(applies)
            .Concat(NetworkOptions.Table.Keys(applies))
            .Concat(IpConfigOptions.Table.Keys(applies));
}
