// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

using System.Globalization;
using System.Text;

namespace KvpDaemon;

/// <summary>Makes keys and values safe to print on one line, for the tools that show them to people.</summary>
internal static class DisplayText
{
    /// <summary>
    /// Escapes backslashes and control characters C-style (<c>\n</c>, <c>\r</c>, <c>\t</c>, <c>\\</c>, <c>\xNN</c>) so
    /// the text stays on one line and cannot move a terminal's cursor.
    /// </summary>
    public static string Escape(string text)
    {
        if (!text.Any(c => c == '\\' || char.IsControl(c)))
        {
            return text;
        }

        var escaped = new StringBuilder(text.Length + 8);
        foreach (var c in text)
        {
            _ = c switch
            {
                '\\' => escaped.Append(@"\\"),
                '\n' => escaped.Append(@"\n"),
                '\r' => escaped.Append(@"\r"),
                '\t' => escaped.Append(@"\t"),
                _ when char.IsControl(c) => escaped.Append(CultureInfo.InvariantCulture, $"\\x{(int)c:x2}"),
                _ => escaped.Append(c),
            };
        }

        return escaped.ToString();
    }
}
