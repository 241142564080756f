// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

using Microsoft.Extensions.Logging;

namespace KvpDaemon.Network;

internal sealed partial class RootedFiles
{
    private static partial class Log
    {
        [LoggerMessage(EventId = 601, Level = LogLevel.Debug, Message = "Could not read {Path}: {Reason}")]
        public static partial void FileUnreadable(ILogger logger, string path, string reason);
    }
}
