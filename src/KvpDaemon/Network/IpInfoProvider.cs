// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

using System.Net.Sockets;
using KvpDaemon.Protocol;
using Microsoft.Extensions.Logging;

namespace KvpDaemon.Network;

/// <summary>
/// Answers GET_IP_INFO from an <see cref="INetworkInspector"/> (docs/protocol.md 5). Differences from the reference daemons,
/// all deliberate: the adapter MAC is compared as 6 bytes whatever its spelling (5.1); interface names are compared
/// exactly (QUIRK-25); gateways are those of the selected interface only (QUIRK-26); DNS and DHCP come from the
/// configuration on disk instead of helper scripts (docs/compatibility.md E #3, E #4). Separators follow the platform's reference
/// daemon (QUIRK-34). Addresses keep the system's order (getifaddrs: in practice IPv4 before IPv6), as the reference
/// daemons report them.
/// </summary>
internal sealed partial class IpInfoProvider : IIpInfoProvider
{
    /// <summary>The most bytes of ip_addr, sub_net and dns_addr text (the fields hold 1024 characters with the NUL).</summary>
    public const int AddressListMaxBytes = 1023;

    /// <summary>The most bytes of gate_way text (a 512-character field with the NUL).</summary>
    public const int GatewayListMaxBytes = 511;

    private readonly INetworkInspector _inspector;
    private readonly KvpAbi _abi;
    private readonly ILogger _logger;

    public IpInfoProvider(INetworkInspector inspector, KvpAbi abi, ILogger<IpInfoProvider> logger)
    {
        _inspector = inspector;
        _abi = abi;
        _logger = logger;
    }

    public ValueTask<KvpReply> GetIpInfoAsync(KvpGetIpInfoRequest request, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return ValueTask.FromResult(GetIpInfo(request));
    }

    private KvpReply GetIpInfo(KvpGetIpInfoRequest request)
    {
        if (!MacAddress.TryParse(request.AdapterId, out var mac))
        {
            Log.AdapterIdMalformed(_logger, request.AdapterId);
            return KvpStatusReply.Fail;
        }

        // Loopback carries an all-zero MAC that no host adapter has.
        var candidates = _inspector.GetSnapshot().Interfaces
            .Where(item => !item.IsLoopback && item.Mac == mac)
            .ToArray();
        if (candidates.Length == 0)
        {
            Log.AdapterNotFound(_logger, mac.ToString());
            return KvpStatusReply.Fail;
        }

        // An SR-IOV VF shares the synthetic NIC's MAC but carries no address: prefer the interface that has some
        // (docs/protocol.md 5.1). When none has, the reference answers OK with empty lists.
        var selected = Array.Find(candidates, item => item.Addresses.Count > 0);
        if (selected is null)
        {
            Log.AdapterResolved(_logger, mac.ToString(), candidates[0].Name, 0);
            return new KvpIpInfoReply(request.AdapterId, 0, false, string.Empty, string.Empty, string.Empty, string.Empty);
        }

        Log.AdapterResolved(_logger, mac.ToString(), selected.Name, selected.Addresses.Count);
        return BuildReply(request.AdapterId, selected, _inspector.GetConfiguration(selected), _abi);
    }

    /// <summary>Formats one interface's reply; pure, so the separator and truncation rules are testable alone.</summary>
    internal static KvpIpInfoReply BuildReply(string adapterId, InterfaceInfo selected, InterfaceConfiguration configuration, KvpAbi abi)
    {
        var family = KvpAddressFamily.ADDR_FAMILY_NONE;
        foreach (var address in selected.Addresses)
        {
            family |= address.Address.AddressFamily switch
            {
                AddressFamily.InterNetwork => KvpAddressFamily.ADDR_FAMILY_IPV4,
                AddressFamily.InterNetworkV6 => KvpAddressFamily.ADDR_FAMILY_IPV6,
                _ => KvpAddressFamily.ADDR_FAMILY_NONE,
            };
        }

        var trailing = abi.AddressListTrailingSeparator;
        var addresses = selected.Addresses.Select(item => AddressText.Format(item.Address)).ToArray();
        var subnets = selected.Addresses.Select(AddressText.FormatSubnet).ToArray();

        // ip_addr and sub_net are read pairwise by the host: cut both at the same item count.
        var count = Math.Min(
            KvpAddressList.FittingCount(addresses, trailing, AddressListMaxBytes),
            KvpAddressList.FittingCount(subnets, trailing, AddressListMaxBytes));

        return new KvpIpInfoReply(
            adapterId,
            (byte)family,
            configuration.Dhcp == DhcpState.Enabled,
            KvpAddressList.Join(addresses.Take(count), trailing, AddressListMaxBytes),
            KvpAddressList.Join(subnets.Take(count), trailing, AddressListMaxBytes),
            KvpAddressList.Join(selected.DefaultGateways.Select(AddressText.Format), trailingSeparator: true, GatewayListMaxBytes),
            KvpAddressList.Join(configuration.DnsServers.Select(AddressText.Format), trailingSeparator: true, AddressListMaxBytes));
    }
}
