// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

using Microsoft.Extensions.Logging;

namespace KvpDaemon.Transport;

internal sealed partial class KvpChannel
{
    private static partial class Log
    {
        [LoggerMessage(EventId = 200, Level = LogLevel.Information, Message = "Registered with {Transport} ({Abi} ABI); KVP LIC version {Version}")]
        public static partial void ChannelRegistered(ILogger logger, string transport, string abi, string version);

        [LoggerMessage(EventId = 201, Level = LogLevel.Warning, Message = "Could not register with {Transport}: {Reason}; retrying")]
        public static partial void RegistrationFailed(ILogger logger, string transport, string reason);

        [LoggerMessage(EventId = 202, Level = LogLevel.Debug, Message = "Registration attempt {Attempt} with {Transport} failed: {Reason}")]
        public static partial void RegistrationRetryFailed(ILogger logger, string transport, int attempt, string reason);

        [LoggerMessage(EventId = 203, Level = LogLevel.Warning, Message = "{Transport} failed: {Reason}; reopening and registering again")]
        public static partial void TransportFailed(ILogger logger, string transport, string reason);

        [LoggerMessage(EventId = 204, Level = LogLevel.Warning, Message = "Received a {Length}-byte message; messages are {Expected} bytes. Answered HV_E_FAIL")]
        public static partial void WrongMessageSize(ILogger logger, int length, int expected);

        [LoggerMessage(EventId = 205, Level = LogLevel.Error, Message = "Handling {Request} failed; answered HV_E_FAIL")]
        public static partial void HandlerFailed(ILogger logger, string request, Exception exception);
    }
}
