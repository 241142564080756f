// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;
using KvpDaemon.Protocol;
using Microsoft.Extensions.Logging;

namespace KvpDaemon.AutoPool;

/// <summary>
/// A minimal <see cref="IAddressListSource"/>: the unicast addresses of every interface that is up, loopback excluded
/// (the Linux reference behaviour; FreeBSD's daemon includes 127.0.0.1 and ::1, QUIRK-34, which the host has no use
/// for), IPv6 without a <c>%scope</c> suffix, in the platform's separator style. Read on every call, so it follows
/// DHCP renewals and hot-plugged NICs. The full network inspector, with exclude lists (ecosystem.md E#10), replaces it.
/// </summary>
internal sealed class NetworkInterfaceAddressListSource : IAddressListSource
{
    private readonly bool _trailingSeparator;
    private readonly ILogger _logger;

    /// <param name="abi">Decides whether each address is followed by ';' (FreeBSD) or only separated by it (Linux).</param>
    /// <param name="logger">Receives a warning when the interfaces cannot be listed.</param>
    public NetworkInterfaceAddressListSource(KvpAbi abi, ILogger<NetworkInterfaceAddressListSource> logger)
    {
        ArgumentNullException.ThrowIfNull(abi);
        ArgumentNullException.ThrowIfNull(logger);
        _trailingSeparator = abi.AddressListTrailingSeparator;
        _logger = logger;
    }

    public IntrinsicAddressLists GetAddressLists()
    {
        List<IPAddress> addresses = [];
        try
        {
            foreach (var nic in NetworkInterface.GetAllNetworkInterfaces())
            {
                if (nic.OperationalStatus != OperationalStatus.Up || nic.NetworkInterfaceType == NetworkInterfaceType.Loopback)
                {
                    continue;
                }

                addresses.AddRange(nic.GetIPProperties().UnicastAddresses.Select(unicast => unicast.Address));
            }
        }
        catch (NetworkInformationException exception)
        {
            Log.InterfacesUnavailable(_logger, exception.Message);
        }

        return Format(addresses, _trailingSeparator);
    }

    /// <summary>
    /// Splits <paramref name="addresses"/> into the IPv4 and IPv6 items, in order, each list within the value field.
    /// Loopback addresses are dropped whatever interface carries them.
    /// </summary>
    internal static IntrinsicAddressLists Format(IEnumerable<IPAddress> addresses, bool trailingSeparator)
    {
        ArgumentNullException.ThrowIfNull(addresses);
        List<string> ipv4 = [];
        List<string> ipv6 = [];
        foreach (var address in addresses.Where(address => !IPAddress.IsLoopback(address)))
        {
            if (address.AddressFamily == AddressFamily.InterNetwork)
            {
                ipv4.Add(address.ToString());
            }
            else if (address.AddressFamily == AddressFamily.InterNetworkV6)
            {
                // The reference daemons print the address with inet_ntop, which knows no scope id.
                ipv6.Add(new IPAddress(address.GetAddressBytes()).ToString());
            }
        }

        return new IntrinsicAddressLists(
            KvpAddressList.Join(ipv4, trailingSeparator, IntrinsicItems.MaxValueBytes),
            KvpAddressList.Join(ipv6, trailingSeparator, IntrinsicItems.MaxValueBytes));
    }
}
