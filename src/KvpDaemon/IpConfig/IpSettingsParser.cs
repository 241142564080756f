// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

using System.Globalization;
using System.Net;
using System.Net.Sockets;
using KvpDaemon.Protocol;

namespace KvpDaemon.IpConfig;

/// <summary>
/// Validates the lists of a SET_IP_INFO request (docs/protocol.md 6.1) into <see cref="IpSettings"/>. Pure. Anything that
/// is not exactly an address, mask or prefix of the kind its slot needs is refused as HV_INVALIDARG before anything is
/// written or run; the reasons name the field and position only, never the host's text.
/// </summary>
internal static class IpSettingsParser
{
    public static IpSettingsParseResult Parse(KvpSetIpInfoRequest request)
    {
        // Control characters can only be hostile: no valid token holds one, and newlines are what would forge an
        // extra line in a KEY=VALUE file.
        foreach (var (name, text) in new[]
                 {
                     ("ip_addr", request.IpAddresses), ("sub_net", request.Subnets),
                     ("gate_way", request.Gateways), ("dns_addr", request.DnsServers),
                 })
        {
            if (text.Any(char.IsControl))
            {
                return IpSettingsParseResult.Invalid($"{name} contains a control character");
            }
        }

        var ipTokens = KvpAddressList.Split(request.IpAddresses);
        var subnetTokens = KvpAddressList.Split(request.Subnets);
        var gatewayTokens = KvpAddressList.Split(request.Gateways);
        var dnsTokens = KvpAddressList.Split(request.DnsServers);

        var tooLong = Check("ip_addr", ipTokens) ?? Check("sub_net", subnetTokens) ?? Check("gate_way", gatewayTokens) ?? Check("dns_addr", dnsTokens);
        if (tooLong is not null)
        {
            return IpSettingsParseResult.Invalid(tooLong);
        }

        if (ipTokens.Count != subnetTokens.Count)
        {
            return IpSettingsParseResult.Invalid(
                string.Create(CultureInfo.InvariantCulture, $"{ipTokens.Count} addresses but {subnetTokens.Count} subnets"));
        }

        var addresses = new List<IpInterfaceAddress>(ipTokens.Count);
        for (var i = 0; i < ipTokens.Count; i++)
        {
            if (!IpText.TryParseAddress(ipTokens[i], out var address) || !IsUsableHostAddress(address))
            {
                return IpSettingsParseResult.Invalid(Position("ip_addr", i, "is not a unicast IPv4 or IPv6 address"));
            }

            var prefix = address.AddressFamily == AddressFamily.InterNetwork
                ? ParseIpv4Subnet(subnetTokens[i])
                : ParseIpv6Subnet(subnetTokens[i]);
            if (prefix < 0)
            {
                return IpSettingsParseResult.Invalid(Position("sub_net", i, address.AddressFamily == AddressFamily.InterNetwork
                    ? "is not a contiguous dotted IPv4 mask"
                    : "is not an IPv6 prefix length 0..128 or a contiguous IPv6 mask"));
            }

            addresses.Add(new IpInterfaceAddress(address, prefix));
        }

        var gateways = new List<IPAddress>(gatewayTokens.Count);
        for (var i = 0; i < gatewayTokens.Count; i++)
        {
            if (!IpText.TryParseAddress(gatewayTokens[i], out var gateway) || !IsUsableHostAddress(gateway))
            {
                return IpSettingsParseResult.Invalid(Position("gate_way", i, "is not a unicast IPv4 or IPv6 address"));
            }

            gateways.Add(gateway);
        }

        var dnsServers = new List<IPAddress>(dnsTokens.Count);
        for (var i = 0; i < dnsTokens.Count; i++)
        {
            if (!IpText.TryParseAddress(dnsTokens[i], out var server) || server.Equals(IPAddress.Any) || server.Equals(IPAddress.IPv6Any))
            {
                return IpSettingsParseResult.Invalid(Position("dns_addr", i, "is not an IPv4 or IPv6 address"));
            }

            dnsServers.Add(server);
        }

        // A static request without a single address would leave the interface unconfigured: refuse it rather than
        // take the adapter down during a fail-over.
        if (!request.DhcpEnabled && addresses.Count == 0)
        {
            return IpSettingsParseResult.Invalid("no address and DHCP off");
        }

        return IpSettingsParseResult.Valid(new IpSettings(request.DhcpEnabled, addresses, gateways, dnsServers));
    }

    /// <summary>A dotted IPv4 mask with contiguous ones (docs/protocol.md 6.1); −1 otherwise.</summary>
    private static int ParseIpv4Subnet(string token) =>
        IpText.TryParseIpv4(token, out var mask) ? IpText.PrefixLengthOfMask(mask) : -1;

    /// <summary>
    /// The host's decimal prefix length ("64", docs/protocol.md 6.1), the "/64" form GET_IP_INFO itself reports (5.2), or a
    /// full contiguous IPv6 mask; −1 otherwise.
    /// </summary>
    private static int ParseIpv6Subnet(string token)
    {
        var digits = token.StartsWith('/') ? token[1..] : token;
        if (digits.Length is >= 1 and <= 3 && digits.All(char.IsAsciiDigit) && (digits.Length == 1 || digits[0] != '0'))
        {
            var value = int.Parse(digits, NumberStyles.None, CultureInfo.InvariantCulture);
            return value <= 128 ? value : -1;
        }

        return !token.StartsWith('/') && IpText.TryParseIpv6(token, out var mask) ? IpText.PrefixLengthOfMask(mask) : -1;
    }

    private static bool IsUsableHostAddress(IPAddress address) =>
        !address.Equals(IPAddress.Any) && !address.Equals(IPAddress.IPv6Any) && !address.Equals(IPAddress.Broadcast)
        && !IPAddress.IsLoopback(address) && !address.IsIPv6Multicast
        && !(address.AddressFamily == AddressFamily.InterNetwork && address.GetAddressBytes()[0] >= 224);

    private static string? Check(string field, IReadOnlyList<string> tokens)
    {
        for (var i = 0; i < tokens.Count; i++)
        {
            if (tokens[i].Length > IpText.MaxTokenLength)
            {
                return Position(field, i, "is longer than 45 characters (QUIRK-15)");
            }
        }

        return null;
    }

    private static string Position(string field, int index, string problem) =>
        string.Create(CultureInfo.InvariantCulture, $"{field} item {index + 1} {problem}");
}

/// <summary>The outcome of <see cref="IpSettingsParser.Parse"/>: the settings, or HV_INVALIDARG and why.</summary>
internal sealed record IpSettingsParseResult(IpSettings? Settings, string? Error)
{
    public static IpSettingsParseResult Valid(IpSettings settings) => new(settings, null);

    public static IpSettingsParseResult Invalid(string reason) => new(null, reason);
}
