// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

namespace KvpDaemon.IpConfig;

internal sealed partial class IpConfigOptions
{
    /// <summary>The configuration section the options bind from.</summary>
    public const string SectionName = "IpConfig";

    /// <summary>The kernel waits 30 s for the daemon on Linux (docs/protocol.md 1.8); answer well before.</summary>
    public static readonly TimeSpan LinuxTotalBudget = TimeSpan.FromSeconds(20);

    /// <summary>The FreeBSD kernel waits only 5 s (docs/protocol.md 1.8).</summary>
    public static readonly TimeSpan FreeBsdTotalBudget = TimeSpan.FromSeconds(4);

    /// <summary>Fills every unset setting with the default of the OS this process runs on.</summary>
    public void ApplyDefaults()
    {
        if (OperatingSystem.IsLinux())
        {
            ApplyDefaults(IpConfigPlatform.Linux);
        }
        else if (OperatingSystem.IsFreeBSD())
        {
            ApplyDefaults(IpConfigPlatform.FreeBsd);
        }
        else
        {
            throw new PlatformNotSupportedException("IP injection is implemented for Linux and FreeBSD only.");
        }
    }

    /// <summary>Fills every unset setting with the default of <paramref name="platform"/>.</summary>
    public void ApplyDefaults(IpConfigPlatform platform)
    {
        if (string.IsNullOrEmpty(Backend))
        {
            Backend = IpConfigBackendNames.Auto;
        }

        if (string.IsNullOrEmpty(StateDirectory))
        {
            // The reference daemons write their SET_IP_INFO files next to the pools' parent (docs/protocol.md 1.9); ours
            // get a directory of their own so that dry runs and data files never mix with the pool files.
            StateDirectory = platform == IpConfigPlatform.Linux ? "/var/lib/hypervkvpd" : "/var/db/hypervkvpd";
        }

        if (string.IsNullOrEmpty(SysfsRoot))
        {
            SysfsRoot = "/sys";
        }

        if (string.IsNullOrEmpty(Root))
        {
            Root = "/";
        }

        if (TotalBudget <= TimeSpan.Zero)
        {
            TotalBudget = platform == IpConfigPlatform.Linux ? LinuxTotalBudget : FreeBsdTotalBudget;
        }

        if (CommandTimeout <= TimeSpan.Zero)
        {
            CommandTimeout = platform == IpConfigPlatform.Linux ? TimeSpan.FromSeconds(15) : TimeSpan.FromSeconds(3);
        }
    }
}
