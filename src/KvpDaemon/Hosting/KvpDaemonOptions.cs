// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

namespace KvpDaemon.Hosting;

/// <summary>
/// The daemon's settings, bound from (lowest to highest precedence) the built-in defaults, the JSON configuration
/// file, <c>HYPERVKVPD_*</c> environment variables and the command line. Validated before anything starts
/// (<see cref="KvpDaemonOptionsValidator"/>). Defaults live in <c>KvpDaemonOptions.Defaults.cs</c>.
/// </summary>
internal sealed partial class KvpDaemonOptions
{
    /// <summary>The KVP device, or <c>unix:PATH</c> for a host simulator's socket.</summary>
    public string Device { get; set; } = string.Empty;

    /// <summary>The directory of the five pool files.</summary>
    public string PoolDirectory { get; set; } = string.Empty;

    /// <summary>The kernel ABI: <c>linux</c> or <c>freebsd</c>.</summary>
    public string Abi { get; set; } = string.Empty;

    /// <summary>The least severe level logged: Trace, Debug, Information, Warning, Error or Critical.</summary>
    public string LogLevel { get; set; } = string.Empty;
}
