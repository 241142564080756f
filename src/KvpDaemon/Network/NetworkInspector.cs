// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

using Microsoft.Extensions.Logging;

namespace KvpDaemon.Network;

/// <summary>Chooses the <see cref="INetworkInspector"/> of the running OS (docs/contributing.md rule 6: no default OS).</summary>
internal static class NetworkInspector
{
    /// <exception cref="PlatformNotSupportedException">On an OS other than Linux and FreeBSD.</exception>
    public static INetworkInspector ForCurrentOperatingSystem(ILoggerFactory loggerFactory)
    {
        if (OperatingSystem.IsLinux())
        {
            return new LinuxNetworkInspector(loggerFactory.CreateLogger<LinuxNetworkInspector>());
        }

        if (OperatingSystem.IsFreeBSD())
        {
            return new FreeBsdNetworkInspector(loggerFactory.CreateLogger<FreeBsdNetworkInspector>());
        }

        throw new PlatformNotSupportedException("Network inspection is implemented for Linux and FreeBSD only.");
    }
}
