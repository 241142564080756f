// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

using Microsoft.Extensions.Logging;

namespace KvpDaemon.Network;

/// <summary>Log events of the network inspector and GET_IP_INFO (event ids 600-699).</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 608, Level = LogLevel.Information,
        Message = "No known network configuration system manages {InterfaceName}: its DHCP state is reported as disabled.")]
    public static partial void DhcpStateUnknown(ILogger logger, string interfaceName);

    [LoggerMessage(EventId = 601, Level = LogLevel.Debug, Message = "Could not read {Path}: {Reason}")]
    public static partial void FileUnreadable(ILogger logger, string path, string reason);

    [LoggerMessage(EventId = 602, Level = LogLevel.Warning,
        Message = "Could not enumerate the network interfaces' addresses; reporting none.")]
    public static partial void AddressEnumerationFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 603, Level = LogLevel.Warning, Message = "Reading the routing table with {Command} failed: {Reason}")]
    public static partial void RouteCommandFailed(ILogger logger, string command, string reason);

    [LoggerMessage(EventId = 604, Level = LogLevel.Debug,
        Message = "GET_IP_INFO: the adapter id {AdapterId} is not a 6-byte MAC address.")]
    public static partial void AdapterIdMalformed(ILogger logger, string adapterId);

    [LoggerMessage(EventId = 605, Level = LogLevel.Debug, Message = "GET_IP_INFO: no interface has the MAC address {Mac}.")]
    public static partial void AdapterNotFound(ILogger logger, string mac);

    [LoggerMessage(EventId = 606, Level = LogLevel.Debug,
        Message = "GET_IP_INFO: {Mac} is interface {InterfaceName} with {AddressCount} address(es).")]
    public static partial void AdapterResolved(ILogger logger, string mac, string interfaceName, int addressCount);

    [LoggerMessage(EventId = 607, Level = LogLevel.Warning,
        Message = "The network helper {Script} could not be used ({Reason}); using the built-in reader instead. Logged once.")]
    public static partial void HelperScriptFailed(ILogger logger, string script, string reason);
}
