// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

namespace KvpDaemon.Hosting;

internal sealed partial class KvpDaemonOptions
{
    /// <summary>
    /// The top-level settings, one row each (<see cref="OptionsTable{TOptions}"/>). The device, pools and ABI are those
    /// of the registration, fixed at start; the log level switches at run time.
    /// </summary>
    public static readonly OptionsTable<KvpDaemonOptions> Table = new(null,
    [
        new(nameof(Device), SettingApplies.OnRestart, o => o.Device, (to, from) => to.Device = from.Device),
        new(nameof(PoolDirectory), SettingApplies.OnRestart, o => o.PoolDirectory, (to, from) => to.PoolDirectory = from.PoolDirectory),
        new(nameof(Abi), SettingApplies.OnRestart, o => SettingText.Name(o.Abi), (to, from) => to.Abi = from.Abi),
        new(nameof(LogLevel), SettingApplies.OnReload, o => SettingText.LogLevel(o.LogLevel), (to, from) => to.LogLevel = from.LogLevel),
    ]);
}
