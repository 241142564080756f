// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

using Microsoft.Extensions.Logging;

namespace KvpDaemon.IpConfig;

internal sealed partial class SetIpInfoHandler
{
    private static partial class Log
    {
        [LoggerMessage(EventId = 800, Level = LogLevel.Warning, Message = "IP injection refused: {Reason}; answered HV_INVALIDARG")]
        public static partial void Invalid(ILogger logger, string reason);

        [LoggerMessage(EventId = 801, Level = LogLevel.Warning, Message = "IP injection refused: no interface for adapter {AdapterId}; answered HV_GUID_NOTFOUND")]
        public static partial void AdapterNotFound(ILogger logger, string adapterId);

        [LoggerMessage(EventId = 802, Level = LogLevel.Information, Message = "IP injection on {Interface} with {Backend}: {AddressCount} addresses, DHCP {Dhcp}")]
        public static partial void Applying(ILogger logger, string @interface, string backend, int addressCount, bool dhcp);

        [LoggerMessage(EventId = 803, Level = LogLevel.Information, Message = "IP injection on {Interface} with {Backend} applied")]
        public static partial void Applied(ILogger logger, string @interface, string backend);

        [LoggerMessage(EventId = 804, Level = LogLevel.Error, Message = "IP injection on {Interface} with {Backend} failed and was rolled back; answered HV_E_FAIL")]
        public static partial void Failed(ILogger logger, string @interface, string backend);

        [LoggerMessage(EventId = 805, Level = LogLevel.Information, Message = "IP injection dry run for {Interface} with {Backend}: plan written to {Directory}")]
        public static partial void DryRun(ILogger logger, string @interface, string backend, string directory);

        [LoggerMessage(EventId = 806, Level = LogLevel.Error, Message = "IP injection on {Interface} failed: {Reason}; answered HV_E_FAIL")]
        public static partial void Error(ILogger logger, string @interface, string reason);

        [LoggerMessage(EventId = 807, Level = LogLevel.Warning, Message = "IP injection on {Interface} with {Backend}: {Warning}")]
        public static partial void PlanWarning(ILogger logger, string @interface, string backend, string warning);
    }
}
