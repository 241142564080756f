// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

using Microsoft.Extensions.Logging;

namespace KvpDaemon.Network;

internal sealed partial class HelperScriptNetworkInspector
{
    private static partial class Log
    {
        [LoggerMessage(EventId = 607, Level = LogLevel.Warning,
            Message = "The network helper {Script} could not be used ({Reason}); using the built-in reader instead. Logged once.")]
        public static partial void HelperScriptFailed(ILogger logger, string script, string reason);
    }
}
