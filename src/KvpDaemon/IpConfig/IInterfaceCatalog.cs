// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

namespace KvpDaemon.IpConfig;

/// <summary>The network interfaces of the guest, as far as SET_IP_INFO needs them (docs/protocol.md 6.1 and 6.2).</summary>
internal interface IInterfaceCatalog
{
    /// <summary>The names of all interfaces.</summary>
    IReadOnlyList<string> InterfaceNames();

    /// <summary>The VMBus instance GUID of the interface's device as the OS shows it, or null if it has none.</summary>
    string? DeviceId(string interfaceName);

    /// <summary>The MAC address, upper-case and colon-separated (<c>00:15:5D:01:02:03</c>), or null if unknown.</summary>
    string? MacAddress(string interfaceName);

    /// <summary>The kernel's interface index, or null if unknown.</summary>
    int? Index(string interfaceName);
}
