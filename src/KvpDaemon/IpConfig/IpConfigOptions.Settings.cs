// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

using KvpDaemon.Hosting;

namespace KvpDaemon.IpConfig;

internal sealed partial class IpConfigOptions
{
    /// <summary>
    /// The <c>IpConfig</c> settings, one row each (<see cref="OptionsTable{TOptions}"/>). How a request is applied is
    /// read per request; the adapter lookup and the file locations are fixed at start.
    /// </summary>
    public static readonly OptionsTable<IpConfigOptions> Table = new(SectionName,
    [
        new(nameof(Backend), SettingApplies.OnReload, o => SettingText.Name(o.Backend), (to, from) => to.Backend = from.Backend),
        new(nameof(DryRun), SettingApplies.OnReload, o => SettingText.Flag(o.DryRun), (to, from) => to.DryRun = from.DryRun),
        new(nameof(SetIfconfigScript), SettingApplies.OnReload, o => SettingText.Text(o.SetIfconfigScript), (to, from) => to.SetIfconfigScript = from.SetIfconfigScript),
        new(nameof(ManageResolvConf), SettingApplies.OnReload, o => SettingText.Flag(o.ManageResolvConf), (to, from) => to.ManageResolvConf = from.ManageResolvConf),
        new(nameof(CommandTimeout), SettingApplies.OnReload, o => SettingText.Duration(o.CommandTimeout), (to, from) => to.CommandTimeout = from.CommandTimeout),
        new(nameof(TotalBudget), SettingApplies.OnReload, o => SettingText.Duration(o.TotalBudget), (to, from) => to.TotalBudget = from.TotalBudget),
        new(nameof(StateDirectory), SettingApplies.OnRestart, o => o.StateDirectory, (to, from) => to.StateDirectory = from.StateDirectory),
        new(nameof(SysfsRoot), SettingApplies.OnRestart, o => o.SysfsRoot, (to, from) => to.SysfsRoot = from.SysfsRoot),
        new(nameof(Root), SettingApplies.OnRestart, o => o.Root, (to, from) => to.Root = from.Root),
        new(nameof(AdapterMap), SettingApplies.OnRestart, o => SettingText.Map(o.AdapterMap), (to, from) => to.AdapterMap = from.AdapterMap),
    ]);
}
