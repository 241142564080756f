// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

using Microsoft.Extensions.Logging;

namespace KvpDaemon.Intrinsic;

internal sealed partial class OsInfoReader
{
    private static partial class Log
    {
        [LoggerMessage(EventId = 500, Level = LogLevel.Information, Message = "OS items: {OSName} {OSMajorVersion}, kernel {OSBuildNumber}, {ProcessorArchitecture}")]
        public static partial void OsInfoCollected(ILogger logger, string osName, string osMajorVersion, string osBuildNumber, string processorArchitecture);

        [LoggerMessage(EventId = 501, Level = LogLevel.Warning, Message = "Release file {Path} exists but cannot be read ({Reason}); ignored")]
        public static partial void ReleaseFileUnreadable(ILogger logger, string path, string reason);

        [LoggerMessage(EventId = 507, Level = LogLevel.Error, Message = "The OS items cannot be read ({Reason}); the intrinsic pool answers them empty")]
        public static partial void OsInfoUnavailable(ILogger logger, string reason);
    }
}
