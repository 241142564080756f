// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

using System.Net;
using KvpDaemon.Network;

namespace KvpDaemon.Tests.Network;

/// <summary>An inspector answering a fixed snapshot; records which interfaces' configuration was asked for.</summary>
internal sealed class FakeNetworkInspector : INetworkInspector
{
    private readonly Dictionary<string, InterfaceConfiguration> _configurations = new(StringComparer.Ordinal);

    public FakeNetworkInspector(string? defaultRouteInterface = null, params InterfaceInfo[] interfaces)
    {
        Snapshot = new NetworkSnapshot(interfaces, defaultRouteInterface);
    }

    public NetworkSnapshot Snapshot { get; }

    public List<string> ConfigurationRequests { get; } = [];

    public static InterfaceInfo Interface(
        string name,
        string? mac,
        string[] addresses,
        string[]? gateways = null,
        bool loopback = false,
        int index = 0)
    {
        MacAddress? parsed = mac is not null && MacAddress.TryParse(mac, out var value) ? value : null;
        return new InterfaceInfo(
            name,
            index,
            parsed,
            loopback,
            IsUp: true,
            addresses.Select(ParseAddress).ToArray(),
            (gateways ?? []).Select(IPAddress.Parse).ToArray());
    }

    public FakeNetworkInspector WithConfiguration(string name, DhcpState dhcp, params string[] dns)
    {
        _configurations[name] = new InterfaceConfiguration(dns.Select(IPAddress.Parse).ToArray(), dhcp);
        return this;
    }

    public NetworkSnapshot GetSnapshot() => Snapshot;

    public InterfaceConfiguration GetConfiguration(InterfaceInfo networkInterface)
    {
        ConfigurationRequests.Add(networkInterface.Name);
        return _configurations.TryGetValue(networkInterface.Name, out var configuration)
            ? configuration
            : new InterfaceConfiguration([], DhcpState.Unknown);
    }

    // "192.0.2.10/24" or "fe80::1%2/64".
    private static InterfaceAddress ParseAddress(string text)
    {
        var slash = text.LastIndexOf('/');
        return new InterfaceAddress(IPAddress.Parse(text[..slash]), int.Parse(text[(slash + 1)..], System.Globalization.CultureInfo.InvariantCulture));
    }
}
