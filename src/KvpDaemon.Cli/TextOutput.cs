// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

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

    /// <inheritdoc cref="DisplayText.Escape(string)"/>
    public static string Escape(string text) => DisplayText.Escape(text);

    /// <summary>
    /// Writes rows as left-aligned columns separated by two spaces, under a header; the last column is never padded.
    /// Nothing is written when there are no rows.
    /// </summary>
    public static void WriteTable(TextWriter output, IReadOnlyList<string> header, IReadOnlyList<string[]> rows)
    {
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
