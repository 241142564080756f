// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

using System.Net;
using System.Security.Cryptography;
using System.Text;

namespace KvpDaemon.IpConfig.Backends;

/// <summary>
/// NetworkManager: a keyfile <c>/etc/NetworkManager/system-connections/hyperv-&lt;if&gt;.nmconnection</c> (mode 0600, which
/// NetworkManager requires of keyfiles), loaded and activated with nmcli. The connection's UUID is derived from the
/// interface name, so a second injection replaces the first instead of adding a connection; its autoconnect priority
/// makes it win over the distribution's default connection for the same interface at the next boot. Unlike the
/// reference keyfile (QUIRK-30) lists are ';'-terminated and there is one gateway per family, as NetworkManager expects.
/// <para>
/// <c>nmcli connection load</c> exits 0 even when NetworkManager rejects the file, and <c>connection up</c> then
/// activates the profile it still holds from the previous injection, also with exit 0. So the old profile is deleted
/// first (its file is backed up and restored on failure), the load is confirmed by asking NetworkManager for the UUID,
/// and the activation by asking for the profile's state.
/// </para>
/// </summary>
internal sealed class NetworkManagerBackend : IIpConfigBackend
{
    public const string Directory = "/etc/NetworkManager/system-connections";

    public string Name => IpConfigBackendNames.NetworkManager;

    public IpConfigPlan Plan(IpConfigRequest request, IpConfigPlanContext context)
    {
        var (name, _, settings) = request;
        var id = "hyperv-" + name;
        var uuid = ConnectionUuid(name);
        var path = $"{Directory}/{id}.nmconnection";

        var text = new StringBuilder();
        text.Append(GeneratedFileHeader.Text).Append('\n');
        text.Append("[connection]\n");
        text.Append("id=").Append(id).Append('\n');
        text.Append("uuid=").Append(uuid).Append('\n');
        text.Append("type=ethernet\n");
        text.Append("interface-name=").Append(name).Append('\n');
        text.Append("autoconnect=true\n");
        text.Append("autoconnect-priority=100\n");
        if (request.MacAddress is not null)
        {
            text.Append("\n[ethernet]\n");
            text.Append("mac-address=").Append(request.MacAddress).Append('\n');
        }

        var ipv4 = settings.StaticIpv4;
        text.Append("\n[ipv4]\n");
        text.Append("method=").Append(settings.DhcpEnabled ? "auto" : ipv4.Count > 0 ? "manual" : "disabled").Append('\n');
        AppendAddresses(text, ipv4, settings.Ipv4Gateways.FirstOrDefault());
        AppendDns(text, settings.DnsServers.Where(d => d.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork).ToArray());

        var ipv6 = settings.StaticIpv6;
        text.Append("\n[ipv6]\n");
        // No static IPv6: keep router advertisements (SLAAC), as the reference keyfile does (docs/protocol.md 6.2).
        text.Append("method=").Append(ipv6.Count > 0 ? "manual" : "auto").Append('\n');
        AppendAddresses(text, ipv6, settings.Ipv6Gateways.FirstOrDefault());
        AppendDns(text, settings.DnsServers.Where(d => d.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6).ToArray());

        return new IpConfigPlan(
            Name,
            [new PlannedFile(path, text.ToString(), GeneratedFileHeader.Mode0600)],
            [
                PlannedCommand.Run("nmcli", "connection", "load", path),
                PlannedCommand.Check(uuid, "nmcli", "-g", "connection.uuid", "connection", "show", "uuid", uuid),
                PlannedCommand.Run("nmcli", "connection", "up", "uuid", uuid),
                PlannedCommand.Check("activated", "nmcli", "-g", "GENERAL.STATE", "connection", "show", "uuid", uuid),
            ])
        {
            // Absent the first time; deleting also removes the file, which the executor has backed up.
            PreCommands = [PlannedCommand.Try("nmcli", "connection", "delete", "uuid", uuid)],

            // After the files are restored NetworkManager must forget the new keyfile (or re-read the old one) and bring
            // the old profile back up.
            RollbackCommands = [PlannedCommand.Try("nmcli", "connection", "reload"), PlannedCommand.Try("nmcli", "connection", "up", "uuid", uuid)],
            Warnings = DnsOrder.Warnings(settings.DnsServers, "NetworkManager"),
        };
    }

    /// <summary>
    /// A name-based UUID (RFC 9562 version 8, from SHA-256 of a fixed prefix and the interface name): stable across
    /// injections and daemon versions, unique per interface.
    /// </summary>
    public static string ConnectionUuid(string interfaceName)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes("hypervkvpd/nmconnection/" + interfaceName));
        var bytes = hash.AsSpan(0, 16).ToArray();
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x80);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes, bigEndian: true).ToString("D");
    }

    private static void AppendAddresses(StringBuilder text, IReadOnlyList<IpInterfaceAddress> addresses, IPAddress? gateway)
    {
        for (var i = 0; i < addresses.Count; i++)
        {
            text.Append("address").Append(i + 1).Append('=').Append(addresses[i].Cidr).Append('\n');
        }

        if (gateway is not null && addresses.Count > 0)
        {
            text.Append("gateway=").Append(gateway).Append('\n');
        }
    }

    private static void AppendDns(StringBuilder text, IReadOnlyList<IPAddress> servers)
    {
        if (servers.Count > 0)
        {
            text.Append("dns=").Append(string.Concat(servers.Select(s => s + ";"))).Append('\n');
        }
    }
}
