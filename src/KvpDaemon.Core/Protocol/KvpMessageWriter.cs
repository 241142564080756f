// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

using System.Buffers.Binary;
using System.Text;
using System.Text.Unicode;

namespace KvpDaemon.Protocol;

/// <summary>
/// Writes fields of one KVP message at absolute offsets. Every string it writes is well-formed UTF-8 and
/// NUL-terminated inside its field (docs/protocol.md 3.5): the FreeBSD kernel rejects a reply with ill-formed UTF-8 and the
/// Linux kernel answers the host HV_E_FAIL for it, so bytes that are not UTF-8 (a foreign writer's record) are sent
/// with U+FFFD in their place, and text too long for its field is cut at a character boundary.
/// </summary>
internal readonly ref struct KvpMessageWriter
{
    private readonly Span<byte> _message;

    public KvpMessageWriter(Span<byte> message) => _message = message;

    public void WriteByte(int offset, byte value) => _message[offset] = value;

    public void WriteUInt32(int offset, uint value) =>
        BinaryPrimitives.WriteUInt32LittleEndian(_message.Slice(offset, sizeof(uint)), value);

    /// <summary>Writes at most <paramref name="maxBytes"/> bytes (default: the field less its terminator), then NUL.</summary>
    /// <returns>The number of text bytes written, terminator excluded.</returns>
    public int WriteText(int offset, int fieldSize, ReadOnlySpan<byte> utf8, int maxBytes = int.MaxValue)
    {
        var field = _message.Slice(offset, fieldSize);
        var limit = Math.Min(fieldSize - 1, maxBytes);
        int written;
        if (Utf8.IsValid(utf8))
        {
            written = CharacterBoundary(utf8, limit);
            utf8[..written].CopyTo(field);
        }
        else
        {
            written = WriteString(field, Encoding.UTF8.GetString(utf8), limit);
        }

        field[written] = 0;
        return written;
    }

    /// <inheritdoc cref="WriteText(int, int, ReadOnlySpan{byte}, int)"/>
    public int WriteString(int offset, int fieldSize, string text, int maxBytes = int.MaxValue)
    {
        var field = _message.Slice(offset, fieldSize);
        var written = WriteString(field, text, Math.Min(fieldSize - 1, maxBytes));
        field[written] = 0;
        return written;
    }

    private static int WriteString(Span<byte> field, string text, int limit)
    {
        // OperationStatus.DestinationTooSmall stops at a whole character, never inside one.
        Utf8.FromUtf16(text, field[..limit], out _, out var written, replaceInvalidSequences: true);
        return written;
    }

    /// <summary>The longest prefix of well-formed <paramref name="utf8"/> no longer than <paramref name="limit"/>
    /// that ends on a character boundary.</summary>
    private static int CharacterBoundary(ReadOnlySpan<byte> utf8, int limit)
    {
        if (utf8.Length <= limit)
        {
            return utf8.Length;
        }

        var end = limit;
        while (end > 0 && (utf8[end] & 0b1100_0000) == 0b1000_0000)
        {
            end--;
        }

        return end;
    }
}
