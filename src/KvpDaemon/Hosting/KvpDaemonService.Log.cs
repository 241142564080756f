// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

using Microsoft.Extensions.Logging;

namespace KvpDaemon.Hosting;

internal sealed partial class KvpDaemonService
{
    private static partial class Log
    {
        [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "KVP starting; pid is {Pid}, version {Version}, ABI {Abi}, device {Device}, pools in {PoolDirectory}")]
        public static partial void Starting(ILogger logger, int pid, string version, string abi, string device, string poolDirectory);

        [LoggerMessage(EventId = 2, Level = LogLevel.Information, Message = "{Device} does not exist: this is not a Hyper-V guest with the KVP driver loaded; nothing to do (to try the daemon without Hyper-V, run hvkvp-sim and give --device unix:SOCKET)")]
        public static partial void NoDevice(ILogger logger, string device);

        [LoggerMessage(EventId = 3, Level = LogLevel.Information, Message = "KVP stopping")]
        public static partial void Stopping(ILogger logger);

        [LoggerMessage(EventId = 5, Level = LogLevel.Information, Message = "KVP stopping before registration completed")]
        public static partial void StoppedBeforeRegistration(ILogger logger);

        [LoggerMessage(EventId = 4, Level = LogLevel.Critical, Message = "The request loop failed")]
        public static partial void Crashed(ILogger logger, Exception exception);
    }
}
