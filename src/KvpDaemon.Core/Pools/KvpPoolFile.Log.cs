// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

using Microsoft.Extensions.Logging;

namespace KvpDaemon.Pools;

internal sealed partial class KvpPoolFile
{
    private static partial class Log
    {
        [LoggerMessage(EventId = 100, Level = LogLevel.Information, Message = "Created pool {Pool} file {Path}")]
        public static partial void PoolFileCreated(ILogger logger, byte pool, string path);

        [LoggerMessage(EventId = 101, Level = LogLevel.Warning, Message = "Pool {Pool} file {Path} was removed; recreating it empty")]
        public static partial void PoolFileVanished(ILogger logger, byte pool, string path);

        [LoggerMessage(EventId = 102, Level = LogLevel.Warning, Message = "Pool {Pool} file {Path} was replaced by another file; reopening it")]
        public static partial void PoolFileReplaced(ILogger logger, byte pool, string path);

        [LoggerMessage(EventId = 103, Level = LogLevel.Warning, Message = "Pool {Pool} file {Path} ends with a partial record of {Bytes} bytes; ignoring it")]
        public static partial void PartialTrailingRecord(ILogger logger, byte pool, string path, int bytes);

        [LoggerMessage(EventId = 104, Level = LogLevel.Debug, Message = "Read pool {Pool}: {Records} records")]
        public static partial void PoolReloaded(ILogger logger, byte pool, int records);

        [LoggerMessage(EventId = 105, Level = LogLevel.Debug, Message = "Refused pool {Pool} file {Path}: {Problem}")]
        public static partial void PoolFileRefused(ILogger logger, byte pool, string path, string problem);
    }
}
