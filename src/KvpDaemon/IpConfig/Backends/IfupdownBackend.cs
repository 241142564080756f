// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

using System.Text;

namespace KvpDaemon.IpConfig.Backends;

/// <summary>
/// Debian ifupdown: a stanza file <c>/etc/network/interfaces.d/&lt;if&gt;</c> (read through the
/// <c>source /etc/network/interfaces.d/*</c> line of Debian's default interfaces file), then <c>ifup</c>. One
/// <c>iface</c> stanza per address, which ifupdown applies together; the gateway and the name servers
/// (<c>dns-nameservers</c>) go on the first stanza of their family.
/// <para>
/// What surrounds the file matters as much (docs/behaviour.md, IP injection):
/// <list type="bullet">
/// <item><c>ifdown</c> runs before the new file is written, so that it undoes the configuration the interface was
/// brought up with (releasing a DHCP lease and stopping its client); run after, it would read the new static stanza and
/// leave the old <c>dhclient</c> running. A client ifupdown did not record is stopped through its pid file too.</item>
/// <item>Every other definition of the interface (Debian's default <c>allow-hotplug eth0</c> / <c>iface eth0 inet
/// dhcp</c> in <c>/etc/network/interfaces</c>, cloud-init's <c>interfaces.d</c> file) is commented out with the
/// <see cref="DisabledPrefix"/> marker; otherwise both definitions apply and the interface keeps a DHCP address beside
/// the injected one.</item>
/// <item><c>dns-nameservers</c> takes effect only through resolvconf's or systemd-resolved's if-up hook; with neither,
/// the name servers are written to <c>/etc/resolv.conf</c> directly instead of being dropped silently.</item>
/// <item>A main file that does not source <c>interfaces.d</c> would ignore the stanza file: the request is refused.</item>
/// </list>
/// </para>
/// </summary>
internal sealed class IfupdownBackend : IIpConfigBackend
{
    public const string Directory = "/etc/network/interfaces.d";

    public const string MainFile = "/etc/network/interfaces";

    /// <summary>Put in front of every line this backend disables in a file it does not own; removing it undoes that.</summary>
    public const string DisabledPrefix = "#hypervkvpd-disabled# ";

    /// <summary>The if-up hooks that apply <c>dns-nameservers</c> (resolvconf, systemd-resolved).</summary>
    public static readonly IReadOnlyList<string> DnsHooks = ["/etc/network/if-up.d/000resolvconf", "/etc/network/if-up.d/resolved"];

    private static readonly string[] StanzaKeywords = ["iface", "mapping", "auto", "source", "source-directory", "rename"];

    public string Name => IpConfigBackendNames.Ifupdown;

    public IpConfigPlan Plan(IpConfigRequest request, IpConfigPlanContext context)
    {
        var (name, _, settings) = request;
        var path = $"{Directory}/{name}";
        var main = context.File(MainFile);
        if (main is not null && !SourcesDirectory(main))
        {
            throw new InvalidOperationException(
                $"{MainFile} does not source {Directory}, so ifupdown would ignore the injected stanza; add the line 'source {Directory}/*'");
        }

        var dnsWritten = false;
        var text = new StringBuilder();
        text.Append(GeneratedFileHeader.Text).Append('\n');
        text.Append("auto ").Append(name).Append('\n');
        if (settings.DhcpEnabled)
        {
            text.Append("iface ").Append(name).Append(" inet dhcp\n");
            AppendDns(text, settings, ref dnsWritten);
        }

        var families = new[] { ("inet", settings.StaticIpv4, settings.Ipv4Gateways), ("inet6", settings.StaticIpv6, settings.Ipv6Gateways) };
        foreach (var (family, addresses, gateways) in families)
        {
            for (var i = 0; i < addresses.Count; i++)
            {
                text.Append("\niface ").Append(name).Append(' ').Append(family).Append(" static\n");
                text.Append("    address ").Append(addresses[i].Cidr).Append('\n');
                if (i == 0 && gateways.Count > 0)
                {
                    text.Append("    gateway ").Append(gateways[0]).Append('\n');
                }

                if (i == 0)
                {
                    AppendDns(text, settings, ref dnsWritten);
                }
            }
        }

        var files = new List<PlannedFile> { new(path, text.ToString(), GeneratedFileHeader.Mode0644) };
        var others = (main is null ? [] : new[] { (Path: MainFile, Text: main) })
            .Concat(context.FilesIn(Directory).Where(f => f.Path != path).Select(f => (f.Path, f.Text)));
        foreach (var (otherPath, otherText) in others)
        {
            var disabled = Disable(otherText, name);
            if (disabled != otherText)
            {
                files.Add(new PlannedFile(otherPath, disabled, GeneratedFileHeader.Mode0644));
            }
        }

        if (settings.DnsServers.Count > 0 && !DnsHooks.Any(h => context.File(h) is not null))
        {
            files.Add(ResolvConf.Planned(context, settings.DnsServers));
        }

        return new IpConfigPlan(Name, files, [PlannedCommand.Run("ifup", name)])
        {
            PreCommands = [PlannedCommand.Try("ifdown", name), DhcpClient.Release(name)],
            RollbackCommands = [PlannedCommand.Try("ifdown", name), PlannedCommand.Try("ifup", name)],
        };
    }

    /// <summary>
    /// <paramref name="text"/> with every stanza of <paramref name="interfaceName"/> commented out and the name taken
    /// out of <c>auto</c>/<c>allow-*</c> lines (a line left without names is commented out whole). Unchanged if the
    /// interface is not defined there.
    /// </summary>
    public static string Disable(string text, string interfaceName)
    {
        var output = new StringBuilder();
        var inStanza = false;
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i];
            var words = line.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
            var keyword = words.Length > 0 ? words[0] : string.Empty;
            if (StanzaKeywords.Contains(keyword) || keyword.StartsWith("allow-", StringComparison.Ordinal))
            {
                inStanza = keyword == "iface" && words.Length > 1 && words[1] == interfaceName;
            }

            if (inStanza && words.Length > 0)
            {
                output.Append(DisabledPrefix).Append(line);
            }
            else if ((keyword == "auto" || keyword.StartsWith("allow-", StringComparison.Ordinal)) && words.Skip(1).Contains(interfaceName))
            {
                var rest = words.Skip(1).Where(w => w != interfaceName).ToArray();
                output.Append(DisabledPrefix).Append(line);
                if (rest.Length > 0)
                {
                    output.Append('\n').Append(keyword).Append(' ').Append(string.Join(' ', rest));
                }
            }
            else
            {
                output.Append(line);
            }

            if (i < lines.Length - 1)
            {
                output.Append('\n');
            }
        }

        return output.ToString();
    }

    /// <summary>Whether the main file reads the stanza directory (ifupdown's <c>source</c> or <c>source-directory</c>).</summary>
    private static bool SourcesDirectory(string main) =>
        main.Split('\n').Select(l => l.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries)).Any(words =>
            words.Length == 2 &&
            ((words[0] == "source" && words[1] is "/etc/network/interfaces.d/*" or "interfaces.d/*") ||
             (words[0] == "source-directory" && words[1].TrimEnd('/') is "/etc/network/interfaces.d" or "interfaces.d")));

    private static void AppendDns(StringBuilder text, IpSettings settings, ref bool written)
    {
        if (!written && settings.DnsServers.Count > 0)
        {
            text.Append("    dns-nameservers ").Append(string.Join(' ', settings.DnsServers)).Append('\n');
            written = true;
        }
    }
}
