// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

using System.Net.NetworkInformation;
using KvpDaemon.HostSimulator.Simulation;
using KvpDaemon.Protocol;

namespace KvpDaemon.HostSimulator.WsMan;

/// <summary>
/// <see cref="IGuestKvp"/> on a <see cref="KvpHostSimulator"/> with a registered daemon. The simulator runs one
/// exchange at a time, like the kernel, so concurrent HTTP requests take turns on a lock.
/// </summary>
/// <remarks>Ownership: does not own the simulator.</remarks>
internal sealed class SimulatorGuestKvp : IGuestKvp, IDisposable
{
    private readonly KvpHostSimulator _simulator;
    private readonly Func<IEnumerable<string>> _macs;
    private readonly SemaphoreSlim _turn = new(1, 1);

    /// <param name="simulator">The simulator the daemon registered with.</param>
    /// <param name="macs">The MACs to ask GET_IP_INFO about (null: this machine's NICs, where the daemon runs).</param>
    public SimulatorGuestKvp(KvpHostSimulator simulator, Func<IEnumerable<string>>? macs = null)
    {
        _simulator = simulator;
        _macs = macs ?? LocalMacs;
    }

    public async Task<IReadOnlyList<KeyValuePair<string, string>>> EnumerateAsync(byte pool, CancellationToken cancellationToken)
    {
        await _turn.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var items = await _simulator.EnumerateAllAsync(pool, cancellationToken).ConfigureAwait(false);
            return items.Select(item => KeyValuePair.Create(item.Key.ToString(), item.Value.ToString())).ToArray();
        }
        finally
        {
            _turn.Release();
        }
    }

    public Task<string?> SetHostItemAsync(string key, string value, CancellationToken cancellationToken) =>
        StatusAsync(new KvpSetRequest((byte)KvpPool.External, key, value), cancellationToken);

    public Task<string?> DeleteHostItemAsync(string key, CancellationToken cancellationToken) =>
        StatusAsync(new KvpDeleteRequest((byte)KvpPool.External, key), cancellationToken);

    public async Task<IReadOnlyList<GuestAdapterInfo>> GetNetworkAsync(CancellationToken cancellationToken)
    {
        var adapters = new List<GuestAdapterInfo>();
        foreach (var mac in _macs())
        {
            await _turn.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                var family = (byte)(KvpAddressFamily.ADDR_FAMILY_IPV4 | KvpAddressFamily.ADDR_FAMILY_IPV6);
                var reply = await _simulator.SendAsync(new KvpGetIpInfoRequest(0, mac, family), cancellationToken).ConfigureAwait(false);
                if (reply is KvpIpInfoReply info)
                {
                    adapters.Add(new GuestAdapterInfo(mac, info.DhcpEnabled, info.IpAddresses, info.Subnets, info.Gateways, info.DnsServers));
                }
            }
            finally
            {
                _turn.Release();
            }
        }

        return adapters;
    }

    public void Dispose() => _turn.Dispose();

    private static IEnumerable<string> LocalMacs() => NetworkInterface.GetAllNetworkInterfaces()
        .Where(nic => nic.NetworkInterfaceType != NetworkInterfaceType.Loopback)
        .Select(nic => nic.GetPhysicalAddress().GetAddressBytes())
        .Where(bytes => bytes.Length == 6)
        .Select(bytes => string.Join(':', bytes.Select(b => b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture))))
        .Distinct()
        .ToArray();

    private async Task<string?> StatusAsync(KvpRequest request, CancellationToken cancellationToken)
    {
        await _turn.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var reply = await _simulator.SendAsync(request, cancellationToken).ConfigureAwait(false);
            return reply.Status == HvStatus.HV_S_OK ? null : reply.Status.ToString();
        }
        finally
        {
            _turn.Release();
        }
    }
}
