// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

using System.Text;

namespace KvpDaemon.Intrinsic;

/// <summary>
/// Pure parsers for the release files the Linux reference daemon reads (docs/protocol.md 4.5 "Details of the Linux
/// os-release parsing"). They reproduce its byte-level behaviour rather than the os-release(5) shell grammar, so that
/// the host sees the same OSName and OSMajorVersion from both daemons: lines are read as <c>fgets</c> into a 512-byte
/// buffer reads them (at most 511 bytes, so a longer line continues as a line of its own) and end at a NUL byte as C
/// strings do.
/// </summary>
internal static class OsReleaseParser
{
    /// <summary>The reference daemon's line buffer, <c>char buf[512]</c>, less the terminator.</summary>
    public const int MaxLineBytes = 511;

    /// <summary>
    /// Parses <c>/etc/os-release</c>. Lines starting with '#' and lines without '=' are skipped; a line is split at the
    /// first '='; in the value every <c>'</c>, <c>"</c> and newline is deleted and a backslash makes the next byte
    /// literal (a trailing backslash ends the value). Only NAME and VERSION_ID are kept; the last occurrence wins.
    /// </summary>
    public static OsRelease Parse(ReadOnlySpan<byte> content)
    {
        string? name = null;
        string? versionId = null;
        var offset = 0;
        while (TryReadLine(content, ref offset, out var line))
        {
            if (line.IsEmpty || line[0] == (byte)'#')
            {
                continue;
            }

            var equals = line.IndexOf((byte)'=');
            if (equals < 0)
            {
                continue;
            }

            var key = line[..equals];
            if (key.SequenceEqual("NAME"u8))
            {
                name = Unescape(line[(equals + 1)..]);
            }
            else if (key.SequenceEqual("VERSION_ID"u8))
            {
                versionId = Unescape(line[(equals + 1)..]);
            }
        }

        return new OsRelease(name, versionId);
    }

    /// <summary>
    /// Parses a legacy <c>/etc/SuSE-release</c> or <c>/etc/redhat-release</c>: up to three lines (OS name, major
    /// version, minor version), each cut at its newline.
    /// </summary>
    public static IReadOnlyList<string> ParseLegacyRelease(ReadOnlySpan<byte> content)
    {
        var lines = new List<string>(3);
        var offset = 0;
        while (lines.Count < 3 && TryReadLine(content, ref offset, out var line))
        {
            var newline = line.IndexOf((byte)'\n');
            lines.Add(Encoding.UTF8.GetString(newline < 0 ? line : line[..newline]));
        }

        return lines;
    }

    /// <summary>
    /// One <c>fgets(buf, 512, file)</c>: up to and including the next '\n', at most <see cref="MaxLineBytes"/>
    /// bytes, seen as a C string (cut at the first NUL). False at the end of the content.
    /// </summary>
    private static bool TryReadLine(ReadOnlySpan<byte> content, ref int offset, out ReadOnlySpan<byte> line)
    {
        if (offset >= content.Length)
        {
            line = default;
            return false;
        }

        var rest = content[offset..];
        var length = Math.Min(rest.Length, MaxLineBytes);
        var newline = rest[..length].IndexOf((byte)'\n');
        if (newline >= 0)
        {
            length = newline + 1;
        }

        line = rest[..length];
        offset += length;
        var nul = line.IndexOf((byte)0);
        if (nul >= 0)
        {
            line = line[..nul];
        }

        return true;
    }

    private static string Unescape(ReadOnlySpan<byte> value)
    {
        var output = new byte[value.Length];
        var written = 0;
        for (var i = 0; i < value.Length; i++)
        {
            var b = value[i];
            if (b == (byte)'\\')
            {
                if (++i == value.Length)
                {
                    break;
                }

                output[written++] = value[i];
            }
            else if (b is not ((byte)'\'' or (byte)'"' or (byte)'\n'))
            {
                output[written++] = b;
            }
        }

        return Encoding.UTF8.GetString(output, 0, written);
    }
}
