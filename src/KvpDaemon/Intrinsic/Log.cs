// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

using Microsoft.Extensions.Logging;

namespace KvpDaemon.Intrinsic;

/// <summary>The pool-2 (intrinsic items) messages. Event ids 500 to 599.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 500, Level = LogLevel.Information, Message = "OS items: {OSName} {OSMajorVersion}, kernel {OSBuildNumber}, {ProcessorArchitecture}")]
    public static partial void OsInfoCollected(ILogger logger, string osName, string osMajorVersion, string osBuildNumber, string processorArchitecture);

    [LoggerMessage(EventId = 501, Level = LogLevel.Warning, Message = "Release file {Path} exists but cannot be read ({Reason}); ignored")]
    public static partial void ReleaseFileUnreadable(ILogger logger, string path, string reason);

    [LoggerMessage(EventId = 502, Level = LogLevel.Debug, Message = "Host name {HostName} resolves to {FullyQualifiedDomainName}")]
    public static partial void FqdnResolved(ILogger logger, string hostName, string fullyQualifiedDomainName);

    [LoggerMessage(EventId = 503, Level = LogLevel.Debug, Message = "FQDN resolution of {HostName} failed ({Reason}); answering the host name")]
    public static partial void FqdnResolutionFailed(ILogger logger, string hostName, string reason);

    [LoggerMessage(EventId = 504, Level = LogLevel.Debug, Message = "FQDN resolution of {HostName} takes longer than {TimeoutMilliseconds} ms; answering the host name until it completes")]
    public static partial void FqdnResolutionSlow(ILogger logger, string hostName, double timeoutMilliseconds);

    [LoggerMessage(EventId = 505, Level = LogLevel.Warning, Message = "The host name cannot be read ({Reason}); FullyQualifiedDomainName keeps its last value")]
    public static partial void HostNameUnavailable(ILogger logger, string reason);

    [LoggerMessage(EventId = 507, Level = LogLevel.Error, Message = "The OS items cannot be read ({Reason}); the intrinsic pool answers them empty")]
    public static partial void OsInfoUnavailable(ILogger logger, string reason);
}
