// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

using Microsoft.Extensions.Logging;

namespace KvpDaemon.Pools;

internal sealed partial class KvpPoolStore
{
    private static partial class Log
    {
        [LoggerMessage(EventId = 110, Level = LogLevel.Error, Message = "Pool {Pool} not opened: {Reason}; its requests are answered HV_E_FAIL")]
        public static partial void PoolFileSkipped(ILogger logger, byte pool, string reason);
    }
}
