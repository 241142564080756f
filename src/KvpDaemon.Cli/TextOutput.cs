// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

using System.Globalization;
using System.Text;

namespace KvpDaemon.Cli;

/// <summary>
/// The human-readable output forms (hvkvp(1), OUTPUT). Tables and watch lines show one record per line, so control
/// characters in keys and values are escaped C-style (\n, \t, \\, \xNN); get and wait print values raw.
/// </summary>
internal static class TextOutput
{
    /// <summary>Key columns wider than this overflow instead of pushing every value far right.</summary>
    private const int MaxKeyColumn = 40;

    /// <summary>Escapes backslashes and control characters so the text stays on one line.</summary>
    public static string Escape(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (!text.Any(c => c == '\\' || char.IsControl(c)))
        {
            return text;
        }

        var escaped = new StringBuilder(text.Length + 8);
        foreach (var c in text)
        {
            switch (c)
            {
                case '\\':
                    escaped.Append(@"\\");
                    break;
                case '\n':
                    escaped.Append(@"\n");
                    break;
                case '\r':
                    escaped.Append(@"\r");
                    break;
                case '\t':
                    escaped.Append(@"\t");
                    break;
                default:
                    if (char.IsControl(c))
                    {
                        escaped.Append(CultureInfo.InvariantCulture, $"\\x{(int)c:x2}");
                    }
                    else
                    {
                        escaped.Append(c);
                    }

                    break;
            }
        }

        return escaped.ToString();
    }

    /// <summary>
    /// Writes rows as left-aligned columns separated by two spaces, under a header; the last column is never padded.
    /// Nothing is written when there are no rows.
    /// </summary>
    public static void WriteTable(TextWriter output, IReadOnlyList<string> header, IReadOnlyList<string[]> rows)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(header);
        ArgumentNullException.ThrowIfNull(rows);
        if (rows.Count == 0)
        {
            return;
        }

        var escaped = rows.Select(row => row.Select(Escape).ToArray()).ToList();
        var widths = new int[header.Count];
        for (var column = 0; column < header.Count - 1; column++)
        {
            widths[column] = Math.Min(MaxKeyColumn, escaped.Select(row => row[column].Length).Append(header[column].Length).Max());
        }

        WriteRow(output, header, widths);
        foreach (var row in escaped)
        {
            WriteRow(output, row, widths);
        }
    }

    private static void WriteRow(TextWriter output, IReadOnlyList<string> cells, int[] widths)
    {
        var line = new StringBuilder();
        for (var column = 0; column < cells.Count; column++)
        {
            if (column == cells.Count - 1)
            {
                line.Append(cells[column]);
            }
            else
            {
                line.Append(cells[column].PadRight(widths[column])).Append("  ");
            }
        }

        output.WriteLine(line.ToString());
    }
}
