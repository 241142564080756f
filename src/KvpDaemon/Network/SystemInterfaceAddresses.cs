// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

using System.Net.NetworkInformation;

namespace KvpDaemon.Network;

/// <summary>
/// The unicast addresses and prefix lengths of every interface, from <see cref="NetworkInterface"/> (getifaddrs
/// underneath: no file parsing and no external command). Addresses keep the order the system lists them in.
/// </summary>
internal static class SystemInterfaceAddresses
{
    public static IReadOnlyDictionary<string, IReadOnlyList<InterfaceAddress>> Read()
    {
        var result = new Dictionary<string, IReadOnlyList<InterfaceAddress>>(StringComparer.Ordinal);
        foreach (var networkInterface in NetworkInterface.GetAllNetworkInterfaces())
        {
            result[networkInterface.Name] = ReadAddresses(networkInterface);
        }

        return result;
    }

    public static IReadOnlyList<InterfaceAddress> ReadAddresses(NetworkInterface networkInterface)
    {
        return networkInterface.GetIPProperties().UnicastAddresses
            .Select(unicast => new InterfaceAddress(unicast.Address, unicast.PrefixLength))
            .ToArray();
    }
}
