// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

using KvpDaemon.IpConfig;
using KvpDaemon.Network;

namespace KvpDaemon.Hosting;

/// <summary>Every setting of the daemon, as one value: what a reload compares and replaces.</summary>
/// <param name="Daemon">The top-level settings (device, pools, ABI, log level).</param>
/// <param name="Network">The <c>Network</c> section.</param>
/// <param name="IpConfig">The <c>IpConfig</c> section.</param>
internal sealed record DaemonSettings(KvpDaemonOptions Daemon, NetworkOptions Network, IpConfigOptions IpConfig);

/// <summary>The settings read from the configuration, or why they could not be.</summary>
/// <param name="Settings">The settings; null when <paramref name="Errors"/> is not empty.</param>
/// <param name="Errors">One message per bad setting, each naming it.</param>
internal sealed record DaemonSettingsReadResult(DaemonSettings? Settings, IReadOnlyList<string> Errors)
{
    public static DaemonSettingsReadResult Failed(IReadOnlyList<string> errors) => new(null, errors);
}
