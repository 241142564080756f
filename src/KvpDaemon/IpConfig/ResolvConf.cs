// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

using System.Net;
using System.Text;

namespace KvpDaemon.IpConfig;

/// <summary>
/// Rewrites the name servers of a resolv.conf text: every existing <c>nameserver</c> line is dropped (as the FreeBSD
/// reference script does, docs/protocol.md 6.4) and one line per server is appended; search, domain and options lines stay.
/// </summary>
internal static class ResolvConf
{
    /// <summary>The system's resolver file, which the command-running backends rewrite themselves.</summary>
    public const string SystemPath = "/etc/resolv.conf";

    /// <summary>
    /// <see cref="SystemPath"/> with <paramref name="servers"/> as its name servers, for the backends whose system has no
    /// configuration of its own for them.
    /// </summary>
    public static PlannedFile Planned(IpConfigPlanContext context, IReadOnlyList<IPAddress> servers) =>
        new(SystemPath, WithNameServers(context.CurrentResolvConf, servers), GeneratedFileHeader.Mode0644);

    public static string WithNameServers(string? current, IReadOnlyList<IPAddress> servers)
    {
        var text = new StringBuilder();
        foreach (var line in (current ?? string.Empty).Split('\n'))
        {
            var trimmed = line.TrimStart(' ', '\t');
            if (line.Length == 0 || trimmed.StartsWith("nameserver", StringComparison.Ordinal))
            {
                continue;
            }

            text.Append(line).Append('\n');
        }

        foreach (var server in servers)
        {
            text.Append("nameserver ").Append(server).Append('\n');
        }

        return text.ToString();
    }
}
