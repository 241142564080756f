// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

using Microsoft.Extensions.Logging;

namespace KvpDaemon.Hosting;

internal sealed partial class ConfigurationReloader
{
    private static partial class Log
    {
        [LoggerMessage(EventId = 20, Level = LogLevel.Information, Message = "SIGHUP: reloading the configuration")]
        public static partial void Reloading(ILogger logger);

        [LoggerMessage(EventId = 21, Level = LogLevel.Information, Message = "Configuration reloaded: {Changes}")]
        public static partial void Reloaded(ILogger logger, string changes);

        [LoggerMessage(EventId = 22, Level = LogLevel.Information, Message = "Configuration reloaded: no setting that applies at run time changed")]
        public static partial void ReloadedUnchanged(ILogger logger);

        [LoggerMessage(EventId = 23, Level = LogLevel.Warning, Message = "Configuration changes to {Settings} take effect only at the next start; restart to apply them")]
        public static partial void RestartRequired(ILogger logger, string settings);

        [LoggerMessage(EventId = 24, Level = LogLevel.Error, Message = "Configuration reload failed; keeping the current settings: {Errors}")]
        public static partial void ReloadFailed(ILogger logger, string errors);
    }
}
