// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

using System.Text;
using System.Text.Unicode;

namespace KvpDaemon.Protocol;

/// <summary>
/// A key or value as the kernel and the pool files carry it: UTF-8 bytes without the NUL terminator. Kept as bytes so
/// that records written by other programs survive byte for byte; compared ordinally (docs/protocol.md 4, "compare the
/// NUL-terminated strings exactly"). Immutable: the constructor takes ownership of the array.
/// </summary>
internal readonly struct KvpText : IEquatable<KvpText>
{
    private readonly byte[]? _bytes;

    private KvpText(byte[] bytes) => _bytes = bytes;

    public static KvpText Empty => default;

    public ReadOnlySpan<byte> Bytes => _bytes;

    public int Length => _bytes?.Length ?? 0;

    public bool IsEmpty => Length == 0;

    /// <summary>Whether the bytes are well-formed UTF-8.</summary>
    public bool IsValidUtf8 => Utf8.IsValid(Bytes);

    public static KvpText FromString(string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        if (bytes.AsSpan().Contains((byte)0))
        {
            throw new ArgumentException("KVP text cannot contain NUL characters.", nameof(text));
        }

        return new KvpText(bytes);
    }

    /// <summary>
    /// Reads a NUL-terminated field. A field without a NUL is cut before its last byte, where the terminator belongs
    /// (511 of 512 key bytes, 2047 of 2048 value bytes; docs/protocol.md 4.4 and 7).
    /// </summary>
    public static KvpText FromField(ReadOnlySpan<byte> field) => Copy(TextOfField(field));

    /// <summary>The text of a NUL-terminated field, in place: the bytes <see cref="FromField"/> would copy.</summary>
    public static ReadOnlySpan<byte> TextOfField(ReadOnlySpan<byte> field)
    {
        var end = field.IndexOf((byte)0);
        if (end < 0)
        {
            end = Math.Max(0, field.Length - 1);
        }

        return field[..end];
    }

    /// <summary>A text holding a copy of <paramref name="bytes"/>, which contain no NUL (a field's text).</summary>
    public static KvpText Copy(ReadOnlySpan<byte> bytes) => bytes.IsEmpty ? Empty : new KvpText(bytes.ToArray());

    public bool Equals(KvpText other) => Bytes.SequenceEqual(other.Bytes);

    public override bool Equals(object? obj) => obj is KvpText other && Equals(other);

    public override int GetHashCode() => HashOf(Bytes);

    /// <summary>The hash of text with these bytes, equal to <see cref="GetHashCode"/> of such a text.</summary>
    public static int HashOf(ReadOnlySpan<byte> bytes)
    {
        var hash = default(HashCode);
        hash.AddBytes(bytes);
        return hash.ToHashCode();
    }

    /// <summary>
    /// The text for a log line: rendered only when the line is written, then escaped (<see cref="LogView"/>). Every log
    /// call that carries a key or value from the host or a pool file passes this, never the text itself
    /// (docs/reliability.md, "Hostile local users, helpers and servers").
    /// </summary>
    public LogView ForLog => new(this);

    /// <summary>The text, with ill-formed sequences shown as U+FFFD.</summary>
    public override string ToString() => Encoding.UTF8.GetString(Bytes);

    /// <summary>
    /// The text as log lines may show it: backslashes and control characters (newlines, ESC, C1 controls) escaped C-style
    /// by <see cref="DisplayText.Escape"/>, and the Unicode line and paragraph separators as <c>\u2028</c> and
    /// <c>\u2029</c>, so a key cannot forge a log line or drive a terminal in any log format.
    /// </summary>
    public static string Escape(string text)
    {
        var escaped = DisplayText.Escape(text);
        return escaped.Contains('\u2028', StringComparison.Ordinal) || escaped.Contains('\u2029', StringComparison.Ordinal)
            ? escaped.Replace("\u2028", @"\u2028", StringComparison.Ordinal).Replace("\u2029", @"\u2029", StringComparison.Ordinal)
            : escaped;
    }

    public static bool operator ==(KvpText left, KvpText right) => left.Equals(right);

    public static bool operator !=(KvpText left, KvpText right) => !left.Equals(right);

    public static implicit operator KvpText(string text) => FromString(text);

    /// <summary>A <see cref="KvpText"/> whose <see cref="ToString"/> is escaped for a log line; see <see cref="ForLog"/>.</summary>
    public readonly struct LogView(KvpText text)
    {
        public override string ToString() => Escape(text.ToString());
    }
}
