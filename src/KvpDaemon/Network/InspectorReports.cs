// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace KvpDaemon.Network;

/// <summary>
/// What the Linux and the FreeBSD inspector both report about the system they read: one type, so that both say it
/// in the same words under the same EventIds, and an interface nobody manages is reported once, not on every
/// GET_IP_INFO the host sends.
/// </summary>
internal sealed partial class InspectorReports(ILogger logger)
{
    private readonly ConcurrentDictionary<string, bool> _unknownDhcpReported = new(StringComparer.Ordinal);

    public void AddressEnumerationFailed(Exception exception) => Log.AddressEnumerationFailed(logger, exception);

    /// <summary>Reports once per interface name that no known configuration system manages it.</summary>
    public void DhcpStateUnknown(string interfaceName)
    {
        if (_unknownDhcpReported.TryAdd(interfaceName, true))
        {
            Log.DhcpStateUnknown(logger, interfaceName);
        }
    }
}
