// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

using Microsoft.Extensions.Logging;

namespace KvpDaemon.Network;

internal sealed partial class InspectorReports
{
    private static partial class Log
    {
        [LoggerMessage(EventId = 608, Level = LogLevel.Information,
            Message = "No known network configuration system manages {InterfaceName}: its DHCP state is reported as disabled.")]
        public static partial void DhcpStateUnknown(ILogger logger, string interfaceName);

        [LoggerMessage(EventId = 602, Level = LogLevel.Warning,
            Message = "Could not enumerate the network interfaces' addresses; reporting none.")]
        public static partial void AddressEnumerationFailed(ILogger logger, Exception exception);
    }
}
