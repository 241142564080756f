// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

using Microsoft.Extensions.Logging;

namespace KvpDaemon.Network;

internal sealed partial class FreeBsdNetworkInspector
{
    private static partial class Log
    {
        [LoggerMessage(EventId = 603, Level = LogLevel.Warning, Message = "Reading the routing table with {Command} failed: {Reason}")]
        public static partial void RouteCommandFailed(ILogger logger, string command, string reason);
    }
}
