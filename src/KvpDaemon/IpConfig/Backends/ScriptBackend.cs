// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace KvpDaemon.IpConfig.Backends;

/// <summary>
/// Compatibility with the reference daemons' <c>hv_set_ifconfig</c> hook.
/// <list type="bullet">
/// <item>Linux (docs/protocol.md 6.2, 6.3): <c>ifcfg-&lt;if&gt;</c> and <c>&lt;if&gt;.nmconnection</c> byte for byte in the
/// reference format, then <c>&lt;script&gt; &lt;ifcfg-path&gt; &lt;nmconnection-path&gt;</c>. The keyfile keeps the reference's
/// comma-joined gateway and dns lists (QUIRK-30) because existing scripts post-process exactly that text.</item>
/// <item>FreeBSD (6.4): the KEY=VALUE data file, then <c>sh &lt;script&gt; &lt;file&gt;</c>.</item>
/// </list>
/// The recommended fixes: every token is a validated address (the reference writes IPv6 subnets verbatim, this writes
/// the parsed prefix length, and IPv6 addresses in the keyfile in their RFC 5952 form); the files are mode 0600 and live
/// in the state directory, not in the pool directory; the FreeBSD path has its slash (QUIRK-27); a FreeBSD value that
/// holds several ';'-separated items is double-quoted, since the reference script sources the file and an unquoted ';'
/// would end the assignment. The script's exit status decides the answer on both OSes.
/// </summary>
internal sealed class ScriptBackend : IIpConfigBackend
{
    private readonly string _script;
    private readonly string _stateDirectory;
    private readonly IpConfigPlatform _platform;

    public ScriptBackend(string script, string stateDirectory, IpConfigPlatform platform)
    {
        ArgumentException.ThrowIfNullOrEmpty(script);
        ArgumentException.ThrowIfNullOrEmpty(stateDirectory);
        _script = script;
        _stateDirectory = stateDirectory.TrimEnd('/');
        _platform = platform;
    }

    public string Name => IpConfigBackendNames.Script;

    public IpConfigPlan Plan(IpConfigRequest request, IpConfigPlanContext context)
    {
        // The reference answers HV_E_FAIL when it cannot read the MAC (6.2 step 1, 6.4): the format has no way to omit it.
        var mac = request.MacAddress ?? throw new InvalidOperationException("The interface's MAC address is unknown.");
        if (_platform == IpConfigPlatform.Linux)
        {
            var ifcfg = $"{_stateDirectory}/ifcfg-{request.InterfaceName}";
            var keyfile = $"{_stateDirectory}/{request.InterfaceName}.nmconnection";
            return new IpConfigPlan(
                Name,
                [
                    new PlannedFile(ifcfg, Ifcfg(request.InterfaceName, mac, request.Settings), GeneratedFileHeader.Mode0600),
                    new PlannedFile(keyfile, Keyfile(request.InterfaceName, mac, request.Settings), GeneratedFileHeader.Mode0600),
                ],
                [PlannedCommand.Run(_script, ifcfg, keyfile)]);
        }

        var data = $"{_stateDirectory}/hv_set_ip_data";
        return new IpConfigPlan(
            Name,
            [new PlannedFile(data, FreeBsdData(request.InterfaceName, mac, request.Settings), GeneratedFileHeader.Mode0600)],
            [PlannedCommand.Run("sh", _script, data)]);
    }

    /// <summary>The reference ifcfg file (docs/protocol.md 6.2 A).</summary>
    public static string Ifcfg(string interfaceName, string mac, IpSettings settings)
    {
        var text = new StringBuilder();
        Line(text, "HWADDR", mac);
        Line(text, "DEVICE", interfaceName);
        Line(text, "BOOTPROTO", settings.DhcpEnabled ? "dhcp" : "none");
        int v4 = 0, v6 = 0;
        foreach (var address in settings.Addresses)
        {
            if (address.IsIpv4)
            {
                Line(text, Numbered("IPADDR", v4++), address.Address.ToString());
            }
            else
            {
                Line(text, Suffixed("IPV6ADDR", v6++), IpText.Expanded(address.Address));
            }
        }

        v4 = v6 = 0;
        foreach (var address in settings.Addresses)
        {
            if (address.IsIpv4)
            {
                Line(text, Numbered("NETMASK", v4++), address.Ipv4Mask);
            }
            else
            {
                Line(text, Suffixed("IPV6NETMASK", v6++), address.PrefixLength.ToString(CultureInfo.InvariantCulture));
            }
        }

        v4 = v6 = 0;
        foreach (var gateway in settings.Gateways)
        {
            if (gateway.AddressFamily == AddressFamily.InterNetwork)
            {
                Line(text, v4 == 0 ? "GATEWAY" : Numbered("GATEWAY", v4), gateway.ToString());
                v4++;
            }
            else
            {
                Line(text, Suffixed("IPV6_DEFAULTGW", v6++), IpText.Expanded(gateway));
            }
        }

        for (var i = 0; i < settings.DnsServers.Count; i++)
        {
            Line(text, Numbered("DNS", i + 1), IpText.Expanded(settings.DnsServers[i]));
        }

        return text.ToString();
    }

    /// <summary>The reference NetworkManager keyfile (docs/protocol.md 6.2 B).</summary>
    public static string Keyfile(string interfaceName, string mac, IpSettings settings)
    {
        var text = new StringBuilder();
        text.Append("\n[connection]\n").Append("interface-name=").Append(interfaceName).Append('\n');
        text.Append("\n[ethernet]\n").Append("mac-address=").Append(mac).Append('\n');
        foreach (var family in new[] { AddressFamily.InterNetwork, AddressFamily.InterNetworkV6 })
        {
            var ipv4 = family == AddressFamily.InterNetwork;
            text.Append(ipv4 ? "\n[ipv4]\n" : "\n[ipv6]\n");
            var k = 0;
            foreach (var address in settings.Addresses.Where(a => a.Address.AddressFamily == family))
            {
                text.Append("address").Append(++k).Append('=').Append(address.Cidr).Append('\n');
            }

            var method = ipv4
                ? settings.DhcpEnabled ? "auto" : k > 0 ? "manual" : "disabled"
                : k > 0 ? "manual" : "auto";
            text.Append("method=").Append(method).Append('\n');
            AppendJoined(text, "gateway", settings.Gateways, family);
            AppendJoined(text, "dns", settings.DnsServers, family);
        }

        return text.ToString();
    }

    /// <summary>The FreeBSD reference data file (docs/protocol.md 6.4), with lists re-joined from the validated items.</summary>
    public static string FreeBsdData(string interfaceName, string mac, IpSettings settings)
    {
        var text = new StringBuilder();
        Line(text, "HWADDR", mac.ToLowerInvariant());
        Line(text, "IF_NAME", interfaceName);
        Line(text, "IP_ADDR", List(settings.Addresses.Select(a => a.Address.ToString())));
        Line(text, "SUBNET", List(settings.Addresses.Select(a => a.IsIpv4 ? a.Ipv4Mask : a.PrefixLength.ToString(CultureInfo.InvariantCulture))));
        Line(text, "GATEWAY", List(settings.Gateways.Select(g => g.ToString())));
        Line(text, "DNS", List(settings.DnsServers.Select(d => d.ToString())));
        Line(text, "DHCP", settings.DhcpEnabled ? "1" : "0");
        return text.ToString();

        static string List(IEnumerable<string> items)
        {
            var joined = string.Join(';', items);
            return joined.Contains(';', StringComparison.Ordinal) ? $"\"{joined}\"" : joined;
        }
    }

    private static void AppendJoined(StringBuilder text, string key, IReadOnlyList<IPAddress> items, AddressFamily family)
    {
        var matching = items.Where(i => i.AddressFamily == family).ToArray();
        if (matching.Length > 0)
        {
            text.Append(key).Append('=').Append(string.Join(',', matching.Select(i => i.ToString()))).Append('\n');
        }
    }

    private static string Numbered(string key, int index) => key + index.ToString(CultureInfo.InvariantCulture);

    private static string Suffixed(string key, int index) =>
        index == 0 ? key : key + "_" + index.ToString(CultureInfo.InvariantCulture);

    private static void Line(StringBuilder text, string key, string value) => text.Append(key).Append('=').Append(value).Append('\n');
}
