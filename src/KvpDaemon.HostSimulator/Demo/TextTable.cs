// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

using System.Text;

namespace KvpDaemon.HostSimulator.Demo;

/// <summary>
/// A plain-text table with a header row and column widths fitted to the content; cells longer than
/// <see cref="MaxCellWidth"/> are cut with "...". For human eyes (demo, bench), not for parsing.
/// </summary>
internal sealed class TextTable
{
    public const int MaxCellWidth = 64;

    private readonly string[] _headers;
    private readonly List<string[]> _rows = [];

    public TextTable(params string[] headers)
    {
        _headers = headers;
    }

    /// <summary>Adds a row; it must have one cell per header.</summary>
    public void AddRow(params string[] cells)
    {
        if (cells.Length != _headers.Length)
        {
            throw new ArgumentException($"The table has {_headers.Length} columns; the row has {cells.Length}.", nameof(cells));
        }

        _rows.Add(cells.Select(Fit).ToArray());
    }

    public override string ToString()
    {
        var widths = _headers.Select((header, i) => _rows.Select(row => row[i].Length).Append(header.Length).Max()).ToArray();
        var text = new StringBuilder();
        AppendRow(text, _headers, widths);
        AppendRow(text, widths.Select(width => new string('-', width)).ToArray(), widths);
        foreach (var row in _rows)
        {
            AppendRow(text, row, widths);
        }

        return text.ToString();
    }

    private static void AppendRow(StringBuilder text, string[] cells, int[] widths)
    {
        for (var i = 0; i < cells.Length; i++)
        {
            if (i > 0)
            {
                text.Append("  ");
            }

            text.Append(i == cells.Length - 1 ? cells[i] : cells[i].PadRight(widths[i]));
        }

        text.AppendLine();
    }

    private static string Fit(string cell)
    {
        var oneLine = Scripting.ReplyFormatter.Escape(cell);
        return oneLine.Length <= MaxCellWidth ? oneLine : string.Concat(oneLine.AsSpan(0, MaxCellWidth - 3), "...");
    }
}
