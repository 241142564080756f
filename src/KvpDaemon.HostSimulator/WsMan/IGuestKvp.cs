// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

namespace KvpDaemon.HostSimulator.WsMan;

/// <summary>
/// The guest side of the simulated VM's KVP exchange, as the WS-Management front end needs it: what a Hyper-V host
/// reads from and writes to the guest's daemon.
/// </summary>
internal interface IGuestKvp
{
    /// <summary>All items of <paramref name="pool"/> (ENUMERATE from index 0).</summary>
    Task<IReadOnlyList<KeyValuePair<string, string>>> EnumerateAsync(byte pool, CancellationToken cancellationToken);

    /// <summary>KVP SET into pool 0; returns null on success, else the daemon's status as text.</summary>
    Task<string?> SetHostItemAsync(string key, string value, CancellationToken cancellationToken);

    /// <summary>KVP DELETE from pool 0; returns null on success, else the daemon's status as text.</summary>
    Task<string?> DeleteHostItemAsync(string key, CancellationToken cancellationToken);

    /// <summary>GET_IP_INFO for every NIC the guest may have; the adapters the daemon answered for.</summary>
    Task<IReadOnlyList<GuestAdapterInfo>> GetNetworkAsync(CancellationToken cancellationToken);
}

/// <summary>One NIC's GET_IP_INFO answer (the ';'-separated lists as the daemon sent them).</summary>
internal sealed record GuestAdapterInfo(string Mac, bool DhcpEnabled, string IpAddresses, string Subnets, string Gateways, string DnsServers);
