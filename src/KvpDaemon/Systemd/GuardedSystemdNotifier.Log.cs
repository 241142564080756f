// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

using Microsoft.Extensions.Logging;

namespace KvpDaemon.Systemd;

internal sealed partial class GuardedSystemdNotifier
{
    private static partial class Log
    {
        [LoggerMessage(EventId = 600, Level = LogLevel.Warning, Message = "Could not send {State} to the service manager: {Reason}")]
        public static partial void NotifyFailed(ILogger logger, string state, string reason);
    }
}
