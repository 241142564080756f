// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

using KvpDaemon.Protocol;
using Microsoft.Extensions.Logging;

namespace KvpDaemon.Dispatch;

internal sealed partial class KvpDispatcher
{
    // A key from a message is a view of it, so the debug lines copy it, and only when they are written: the check
    // comes first, so a request allocates nothing for its log lines at the default level.
    private void LogKeySet(byte pool, ReadOnlySpan<byte> key, bool added)
    {
        if (_logger.IsEnabled(LogLevel.Debug))
        {
            Log.KeySet(_logger, pool, KvpText.Copy(key).ForLog, added ? "added" : "modified");
        }
    }

    private void LogKeyDeleted(byte pool, ReadOnlySpan<byte> key)
    {
        if (_logger.IsEnabled(LogLevel.Debug))
        {
            Log.KeyDeleted(_logger, pool, KvpText.Copy(key).ForLog);
        }
    }

    private void LogKeyNotFound(byte pool, ReadOnlySpan<byte> key)
    {
        if (_logger.IsEnabled(LogLevel.Debug))
        {
            Log.KeyNotFound(_logger, pool, KvpText.Copy(key).ForLog);
        }
    }

    // Keys are passed as KvpText.LogView: the UTF-8 decode and the escaping happen only when the line is written.
    private static partial class Log
    {
        // The ids of the kinds a host can cause, for the rate limiter.
        public const int InvalidPoolId = 303;
        public const int PoolRefusedId = 304;
        public const int EmptyKeyRefusedId = 305;
        public const int UnsupportedOperationId = 306;
        public const int PoolIoFailedId = 307;

        [LoggerMessage(EventId = 300, Level = LogLevel.Debug, Message = "Pool {Pool}: key {Key} {Change}")]
        public static partial void KeySet(ILogger logger, byte pool, KvpText.LogView key, string change);

        [LoggerMessage(EventId = 301, Level = LogLevel.Debug, Message = "Pool {Pool}: key {Key} deleted")]
        public static partial void KeyDeleted(ILogger logger, byte pool, KvpText.LogView key);

        [LoggerMessage(EventId = 302, Level = LogLevel.Debug, Message = "Pool {Pool}: key {Key} not found")]
        public static partial void KeyNotFound(ILogger logger, byte pool, KvpText.LogView key);

        [LoggerMessage(EventId = InvalidPoolId, Level = LogLevel.Warning, Message = "Refused {Request} for pool {Pool}: pools are 0 to 4")]
        public static partial void InvalidPool(ILogger logger, string request, byte pool);

        [LoggerMessage(EventId = PoolRefusedId, Level = LogLevel.Warning, Message = "Refused {Operation} on pool {Pool}: the host cannot write the intrinsic items")]
        public static partial void PoolRefused(ILogger logger, string operation, byte pool);

        [LoggerMessage(EventId = EmptyKeyRefusedId, Level = LogLevel.Warning, Message = "Refused {Operation} on pool {Pool}: the key is empty")]
        public static partial void EmptyKeyRefused(ILogger logger, string operation, byte pool);

        [LoggerMessage(EventId = UnsupportedOperationId, Level = LogLevel.Warning, Message = "Unsupported operation {Operation} (pool {Pool}); answered HV_ERROR_NOT_SUPPORTED")]
        public static partial void UnsupportedOperation(ILogger logger, byte operation, byte pool);

        [LoggerMessage(EventId = PoolIoFailedId, Level = LogLevel.Error, Message = "Pool {Pool} I/O failed: {Reason}; answered HV_E_FAIL")]
        public static partial void PoolIoFailed(ILogger logger, byte pool, string reason);

        [LoggerMessage(EventId = 308, Level = LogLevel.Warning, Message = "Suppressed {Count} more messages of event {Kind} in the last minute (at most 10 a minute are logged)")]
        public static partial void Suppressed(ILogger logger, long count, int kind);
    }
}
