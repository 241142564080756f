// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

namespace KvpDaemon.Network;

/// <summary>
/// The line formats shared by the configuration files read here: <c>KEY=value</c> state files (systemd, ifcfg,
/// rc.conf) and INI files with <c>[section]</c> headers (NetworkManager keyfiles, systemd .network files).
/// Pure: lines that are not assignments are skipped.
/// </summary>
internal static class KeyValueText
{
    /// <summary>One assignment: the section it appears in ("" before any header), the key and the raw value.</summary>
    internal readonly record struct Entry(string Section, string Key, string Value);

    /// <summary>Every <c>key=value</c> line in file order; '#' and ';' comment lines and blank lines are skipped.</summary>
    public static IReadOnlyList<Entry> Parse(string text)
    {
        var entries = new List<Entry>();
        var section = string.Empty;
        foreach (var rawLine in text.Split('\n'))
        {
            var line = rawLine.Trim();
            if (line.Length == 0 || line[0] is '#' or ';')
            {
                continue;
            }

            if (line[0] == '[' && line[^1] == ']')
            {
                section = line[1..^1].Trim();
                continue;
            }

            var equals = line.IndexOf('=');
            if (equals <= 0)
            {
                continue;
            }

            entries.Add(new Entry(section, line[..equals].Trim(), line[(equals + 1)..].Trim()));
        }

        return entries;
    }

    /// <summary>The value of the last assignment of <paramref name="key"/> (shell and systemd semantics: the last one wins).</summary>
    public static string? Last(IReadOnlyList<Entry> entries, string key, string? section = null)
    {
        string? value = null;
        foreach (var entry in entries)
        {
            if (entry.Key == key && (section is null || string.Equals(entry.Section, section, StringComparison.OrdinalIgnoreCase)))
            {
                value = entry.Value;
            }
        }

        return value;
    }

    /// <summary>Removes one level of matching single or double quotes, as a shell assignment would.</summary>
    public static string Unquote(string value)
    {
        if (value.Length >= 2 && value[0] is '"' or '\'' && value[^1] == value[0])
        {
            return value[1..^1];
        }

        return value;
    }
}
