// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

using Microsoft.Extensions.Logging;

namespace KvpDaemon.Network;

internal sealed partial class IpInfoProvider
{
    private static partial class Log
    {
        [LoggerMessage(EventId = 604, Level = LogLevel.Debug,
            Message = "GET_IP_INFO: the adapter id {AdapterId} is not a 6-byte MAC address.")]
        public static partial void AdapterIdMalformed(ILogger logger, string adapterId);

        [LoggerMessage(EventId = 605, Level = LogLevel.Debug, Message = "GET_IP_INFO: no interface has the MAC address {Mac}.")]
        public static partial void AdapterNotFound(ILogger logger, string mac);

        [LoggerMessage(EventId = 606, Level = LogLevel.Debug,
            Message = "GET_IP_INFO: {Mac} is interface {InterfaceName} with {AddressCount} address(es).")]
        public static partial void AdapterResolved(ILogger logger, string mac, string interfaceName, int addressCount);
    }
}
