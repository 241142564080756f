// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

using System.Text;
using System.Text.RegularExpressions;

namespace KvpDaemon.IpConfig.Backends;

/// <summary>
/// A conservative reading of a .network file's <c>[Match]</c> section: "may match" unless the file provably names
/// other interfaces only. A file without <c>Name=</c> (matching by MAC, driver, type, or everything) may match; so does
/// one whose <c>Name=</c> globs (fnmatch: <c>*</c>, <c>?</c>, <c>[...]</c>) match the name, or that negates names
/// with <c>!</c>. A <c>MACAddress=</c> list that does not hold the interface's MAC rules the file out.
/// </summary>
internal static class SystemdMatch
{
    public static bool MayMatch(string text, string interfaceName, string? macAddress)
    {
        var names = new List<string>();
        var macs = new List<string>();
        var section = string.Empty;
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.Trim();
            if (line.StartsWith('[') && line.EndsWith(']'))
            {
                section = line;
                continue;
            }

            var equals = line.IndexOf('=', StringComparison.Ordinal);
            if (section != "[Match]" || equals < 0 || line.StartsWith('#') || line.StartsWith(';'))
            {
                continue;
            }

            var key = line[..equals].Trim();
            var values = line[(equals + 1)..].Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
            if (key == "Name")
            {
                names.AddRange(values);
            }
            else if (key is "MACAddress" or "PermanentMACAddress")
            {
                macs.AddRange(values);
            }
        }

        if (macs.Count > 0 && macAddress is not null && !macs.Contains(macAddress, StringComparer.OrdinalIgnoreCase))
        {
            return false;
        }

        return names.Count == 0 || names.Any(n => n.StartsWith('!') || Glob(n).IsMatch(interfaceName));
    }

    private static Regex Glob(string pattern)
    {
        var regex = new StringBuilder("^");
        for (var i = 0; i < pattern.Length; i++)
        {
            var c = pattern[i];
            var close = c == '[' ? pattern.IndexOf(']', i + 1) : -1;
            if (c == '*')
            {
                regex.Append(".*");
            }
            else if (c == '?')
            {
                regex.Append('.');
            }
            else if (close > i + 1)
            {
                var set = pattern[(i + 1)..close];
                regex.Append('[').Append(set.StartsWith('!') ? "^" + Regex.Escape(set[1..]) : Regex.Escape(set)).Append(']');
                i = close;
            }
            else
            {
                regex.Append(Regex.Escape(c.ToString()));
            }
        }

        return new Regex(regex.Append('$').ToString(), RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
    }
}
