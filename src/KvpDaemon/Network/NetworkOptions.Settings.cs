// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

using KvpDaemon.Hosting;

namespace KvpDaemon.Network;

internal sealed partial class NetworkOptions
{
    /// <summary>
    /// The <c>Network</c> settings, one row each (<see cref="OptionsTable{TOptions}"/>). The exclude list is read per
    /// request; the inspector is built once, with or without the helper scripts.
    /// </summary>
    public static readonly OptionsTable<NetworkOptions> Table = new(SectionName,
    [
        new(nameof(ExcludeInterfaces), SettingApplies.OnReload, o => SettingText.List(o.GetExcludeInterfaces()), (to, from) => to.ExcludeInterfaces = from.ExcludeInterfaces),
        new(nameof(UseHelperScripts), SettingApplies.OnRestart, o => SettingText.Flag(o.UseHelperScripts), (to, from) => to.UseHelperScripts = from.UseHelperScripts),
        new(nameof(ScriptsDirectory), SettingApplies.OnRestart, o => SettingText.Text(o.ScriptsDirectory), (to, from) => to.ScriptsDirectory = from.ScriptsDirectory),
    ]);
}
