// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

namespace KvpDaemon.Network;

/// <summary>
/// Reads the guest's network state for GET_IP_INFO and the pool-2 address items (docs/protocol.md 4.5 and 5). Reads only
/// (no external command on Linux; docs/compatibility.md E #3, E #4); every call is bounded in time. Implementations are per OS
/// and chosen explicitly by <see cref="NetworkInspector.ForCurrentOperatingSystem"/>.
/// </summary>
internal interface INetworkInspector
{
    /// <summary>Interfaces, their addresses and their own default gateways.</summary>
    NetworkSnapshot GetSnapshot();

    /// <summary>DNS servers and DHCP state of one interface of a snapshot (a few file reads).</summary>
    InterfaceConfiguration GetConfiguration(InterfaceInfo networkInterface);
}
