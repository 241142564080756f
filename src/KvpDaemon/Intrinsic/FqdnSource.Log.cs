// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

using Microsoft.Extensions.Logging;

namespace KvpDaemon.Intrinsic;

internal sealed partial class FqdnSource
{
    private static partial class Log
    {
        [LoggerMessage(EventId = 502, Level = LogLevel.Debug, Message = "Host name {HostName} resolves to {FullyQualifiedDomainName}")]
        public static partial void FqdnResolved(ILogger logger, string hostName, string fullyQualifiedDomainName);

        [LoggerMessage(EventId = 503, Level = LogLevel.Debug, Message = "FQDN resolution of {HostName} failed ({Reason}); answering the host name")]
        public static partial void FqdnResolutionFailed(ILogger logger, string hostName, string reason);

        [LoggerMessage(EventId = 504, Level = LogLevel.Debug, Message = "FQDN resolution of {HostName} takes longer than {TimeoutMilliseconds} ms; answering the host name until it completes")]
        public static partial void FqdnResolutionSlow(ILogger logger, string hostName, double timeoutMilliseconds);

        [LoggerMessage(EventId = 505, Level = LogLevel.Warning, Message = "The host name cannot be read ({Reason}); FullyQualifiedDomainName keeps its last value")]
        public static partial void HostNameUnavailable(ILogger logger, string reason);
    }
}
