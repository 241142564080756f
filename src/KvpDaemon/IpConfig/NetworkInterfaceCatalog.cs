// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

using System.Net.NetworkInformation;

namespace KvpDaemon.IpConfig;

/// <summary>
/// Interfaces as <see cref="NetworkInterface"/> reports them (getifaddrs): the FreeBSD catalog, where there is no
/// sysfs. There is no userland device-id source that is verified on FreeBSD (docs/protocol.md 10), so
/// <see cref="DeviceId"/> is always null and GUIDs are mapped through <see cref="IpConfigOptions.AdapterMap"/>.
/// </summary>
internal sealed class NetworkInterfaceCatalog : IInterfaceCatalog
{
    public IReadOnlyList<string> InterfaceNames() =>
        NetworkInterface.GetAllNetworkInterfaces().Select(i => i.Name).Distinct(StringComparer.Ordinal).ToArray();

    public string? DeviceId(string interfaceName) => null;

    public string? MacAddress(string interfaceName)
    {
        var bytes = Find(interfaceName)?.GetPhysicalAddress().GetAddressBytes();
        return bytes is { Length: 6 } ? string.Join(':', bytes.Select(b => b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture))) : null;
    }

    public int? Index(string interfaceName) => null;

    private static NetworkInterface? Find(string interfaceName) =>
        NetworkInterface.GetAllNetworkInterfaces().FirstOrDefault(i => string.Equals(i.Name, interfaceName, StringComparison.Ordinal));
}
