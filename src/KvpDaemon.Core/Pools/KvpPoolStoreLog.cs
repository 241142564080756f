// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

using Microsoft.Extensions.Logging;

namespace KvpDaemon.Pools;

/// <summary>The pool store's own log messages (the store is not partial; its files log through KvpPoolFile).</summary>
internal static partial class KvpPoolStoreLog
{
    [LoggerMessage(EventId = 110, Level = LogLevel.Error, Message = "Pool {Pool} not opened: {Reason}; its requests are answered HV_E_FAIL")]
    public static partial void PoolFileSkipped(ILogger logger, byte pool, string reason);
}
