// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

using System.Text;

namespace KvpDaemon.IpConfig.Backends;

/// <summary>
/// systemd-networkd: <c>/etc/systemd/network/00-hyperv-&lt;if&gt;.network</c>, then <c>networkctl reload</c> and
/// <c>networkctl reconfigure &lt;if&gt;</c>. networkd applies the first .network file in lexical order that matches an
/// interface, across /etc, /run and /lib, and reload/reconfigure exit 0 whichever file wins. The "00-hyperv-" prefix
/// sorts before cloud-init's "10-cloud-init-&lt;if&gt;", netplan's "10-netplan-" and the usual "20-"/"50-"/"99-" files
/// (the earlier "10-hyperv-" name lost to cloud-init's file and is removed); a file that still sorts before it and may
/// match the interface makes the request fail with its name, because the injected file could not take effect. After
/// the reconfigure, <c>networkctl status</c> must name the injected file as the interface's network file.
/// </summary>
internal sealed class NetworkdBackend : IIpConfigBackend
{
    public const string Directory = "/etc/systemd/network";

    /// <summary>Where networkd looks for .network files (systemd.network(5)).</summary>
    public static readonly IReadOnlyList<string> SearchDirectories =
        ["/etc/systemd/network", "/run/systemd/network", "/usr/local/lib/systemd/network", "/usr/lib/systemd/network", "/lib/systemd/network"];

    public string Name => IpConfigBackendNames.Networkd;

    public IpConfigPlan Plan(IpConfigRequest request, IpConfigPlanContext context)
    {
        var (name, _, settings) = request;
        var fileName = $"00-hyperv-{name}.network";
        var path = $"{Directory}/{fileName}";
        foreach (var directory in SearchDirectories)
        {
            foreach (var other in context.FilesIn(directory))
            {
                if (string.CompareOrdinal(other.Name, fileName) < 0 && SystemdMatch.MayMatch(other.Text, name, request.MacAddress))
                {
                    throw new InvalidOperationException(
                        $"{other.Path} sorts before {fileName} and may match {name}, so networkd would not apply the injected file; remove or rename it");
                }
            }
        }

        var ipv6 = settings.StaticIpv6;

        var text = new StringBuilder();
        text.Append(GeneratedFileHeader.Text).Append('\n');
        text.Append("[Match]\n");
        text.Append("Name=").Append(name).Append('\n');
        text.Append("\n[Network]\n");
        text.Append("DHCP=").Append(settings.DhcpEnabled ? "ipv4" : "no").Append('\n');
        text.Append("IPv6AcceptRA=").Append(ipv6.Count > 0 ? "no" : "yes").Append('\n');
        foreach (var address in settings.StaticIpv4.Concat(ipv6))
        {
            text.Append("Address=").Append(address.Cidr).Append('\n');
        }

        foreach (var gateway in new[] { settings.Ipv4Gateways.FirstOrDefault(), settings.Ipv6Gateways.FirstOrDefault() })
        {
            if (gateway is not null)
            {
                text.Append("Gateway=").Append(gateway).Append('\n');
            }
        }

        foreach (var server in settings.DnsServers)
        {
            text.Append("DNS=").Append(server).Append('\n');
        }

        return new IpConfigPlan(
            Name,
            [new PlannedFile(path, text.ToString(), GeneratedFileHeader.Mode0644)],
            [
                PlannedCommand.Run("networkctl", "reload"),
                PlannedCommand.Run("networkctl", "reconfigure", name),

                // reload and reconfigure exit 0 whichever file wins; networkd assigns the file before answering them.
                PlannedCommand.Check(path, "networkctl", "status", "--no-pager", "-n", "0", name),
            ])
        {
            RemovedFiles = [$"{Directory}/10-hyperv-{name}.network"],
            RollbackCommands = [PlannedCommand.Try("networkctl", "reload"), PlannedCommand.Try("networkctl", "reconfigure", name)],
        };
    }
}
