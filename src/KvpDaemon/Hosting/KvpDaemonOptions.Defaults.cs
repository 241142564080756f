// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

using KvpDaemon.Platform;

namespace KvpDaemon.Hosting;

internal sealed partial class KvpDaemonOptions
{
    /// <summary>The configuration section names, and the command-line options that set them.</summary>
    public static class Keys
    {
        public const string Device = nameof(KvpDaemonOptions.Device);
        public const string PoolDirectory = nameof(KvpDaemonOptions.PoolDirectory);
        public const string Abi = nameof(KvpDaemonOptions.Abi);
        public const string LogLevel = nameof(KvpDaemonOptions.LogLevel);
    }

    /// <summary>The prefix of environment variables that override the configuration file (HYPERVKVPD_Device, ...).</summary>
    public const string EnvironmentPrefix = "HYPERVKVPD_";

    /// <summary>Fills every setting with the default of the OS this process runs on (docs/protocol.md 1.9).</summary>
    public void ApplyDefaults(KvpDialect dialect)
    {
        Device = dialect.DefaultDevicePath;
        PoolDirectory = dialect.DefaultPoolDirectory;
        Abi = dialect.Abi.Name;
        LogLevel = nameof(Microsoft.Extensions.Logging.LogLevel.Information);
    }
}
