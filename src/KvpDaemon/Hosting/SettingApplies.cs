// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

namespace KvpDaemon.Hosting;

/// <summary>When a changed setting takes effect.</summary>
internal enum SettingApplies
{
    /// <summary>
    /// At the next SIGHUP: its consumer reads it when it needs it, through a <see cref="ReloadableOptionsMonitor{TOptions}"/>.
    /// </summary>
    OnReload,

    /// <summary>Only after a restart: it shaped something built once at start (the device, the pools, the inspector, ...).</summary>
    OnRestart,
}
