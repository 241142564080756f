// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

using Microsoft.Extensions.Logging;

namespace KvpDaemon.IpConfig;

internal sealed partial class IpConfigPlanExecutor
{
    private static partial class Log
    {
        [LoggerMessage(EventId = 820, Level = LogLevel.Error, Message = "IP injection: could not back up the files to replace: {Reason}; nothing changed")]
        public static partial void BackupFailed(ILogger logger, string reason);

        [LoggerMessage(EventId = 821, Level = LogLevel.Error, Message = "IP injection: writing a configuration file failed: {Reason}; rolling back")]
        public static partial void WriteFailed(ILogger logger, string reason);

        [LoggerMessage(EventId = 822, Level = LogLevel.Error, Message = "IP injection: `{Command}` failed (exit {ExitCode}, timed out {TimedOut}): {Output}; rolling back")]
        public static partial void CommandFailed(ILogger logger, string command, int exitCode, bool timedOut, string output);

        [LoggerMessage(EventId = 828, Level = LogLevel.Error, Message = "IP injection: `{Command}` exited 0 but its output does not contain '{Expected}': {Output}; rolling back")]
        public static partial void NotConfirmed(ILogger logger, string command, string expected, string output);

        [LoggerMessage(EventId = 823, Level = LogLevel.Debug, Message = "IP injection: `{Command}` exited {ExitCode}; allowed to fail")]
        public static partial void OptionalCommandFailed(ILogger logger, string command, int exitCode);

        [LoggerMessage(EventId = 824, Level = LogLevel.Error, Message = "IP injection: out of time before `{Command}`; rolling back")]
        public static partial void OutOfTime(ILogger logger, string command);

        [LoggerMessage(EventId = 825, Level = LogLevel.Error, Message = "IP injection: restoring {Path} failed: {Reason}")]
        public static partial void RestoreFailed(ILogger logger, string path, string reason);

        [LoggerMessage(EventId = 826, Level = LogLevel.Warning, Message = "IP injection: rollback step `{Command}` failed (exit {ExitCode}, timed out {TimedOut})")]
        public static partial void RollbackCommandFailed(ILogger logger, string command, int exitCode, bool timedOut);

        [LoggerMessage(EventId = 827, Level = LogLevel.Warning, Message = "IP injection: no time left for rollback step `{Command}`")]
        public static partial void RollbackOutOfTime(ILogger logger, string command);
    }
}
