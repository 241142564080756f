// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

using KvpDaemon.Protocol;

namespace KvpDaemon.Pools;

/// <summary>
/// One pool-file record (docs/protocol.md section 7): a 512-byte key and a 2048-byte value, each UTF-8, NUL-terminated and
/// NUL-padded, with no header or trailer. The same layout cloud-init writes with <c>struct.pack("512s2048s")</c>.
/// <code>
///  0                        512                                                  2560
///  +------------------------+----------------------------------------------------+
///  | key, NUL, zero padding | value, NUL, zero padding                           |
///  +------------------------+----------------------------------------------------+
/// </code>
/// </summary>
internal readonly record struct KvpRecord(KvpText Key, KvpText Value)
{
    public const int KeySize = KvpWireLayout.HV_KVP_EXCHANGE_MAX_KEY_SIZE;
    public const int ValueSize = KvpWireLayout.HV_KVP_EXCHANGE_MAX_VALUE_SIZE;
    public const int Size = KeySize + ValueSize;

    /// <summary>The longest key a record holds: the field less its terminator.</summary>
    public const int MaxKeyBytes = KeySize - 1;

    /// <summary>The longest value a record holds.</summary>
    public const int MaxValueBytes = ValueSize - 1;

    /// <summary>Reads a record; a field without a NUL is cut at 511 or 2047 bytes (<see cref="KvpText.FromField"/>).</summary>
    public static KvpRecord Read(ReadOnlySpan<byte> record) =>
        new(KvpText.FromField(record[..KeySize]), KvpText.FromField(record.Slice(KeySize, ValueSize)));

    /// <summary>Writes the record into exactly <see cref="Size"/> bytes, zero-filling after each terminator (QUIRK-12, 13).</summary>
    public void Write(Span<byte> record) => Write(record, Key.Bytes, Value.Bytes);

    /// <summary>Writes a record of <paramref name="key"/> and <paramref name="value"/> (checked by <see cref="Validate(ReadOnlySpan{byte}, ReadOnlySpan{byte})"/>).</summary>
    public static void Write(Span<byte> record, ReadOnlySpan<byte> key, ReadOnlySpan<byte> value)
    {
        record = record[..Size];
        record.Clear();
        key.CopyTo(record);
        value.CopyTo(record[KeySize..]);
    }

    /// <summary>Throws when the key or value cannot be stored in a record.</summary>
    public static void Validate(KvpText key, KvpText value) => Validate(key.Bytes, value.Bytes);

    /// <inheritdoc cref="Validate(KvpText, KvpText)"/>
    public static void Validate(ReadOnlySpan<byte> key, ReadOnlySpan<byte> value)
    {
        if (key.IsEmpty)
        {
            throw new ArgumentException("A KVP key cannot be empty.", nameof(key));
        }

        if (key.Length > MaxKeyBytes)
        {
            throw new ArgumentException($"A KVP key holds at most {MaxKeyBytes} UTF-8 bytes; this one has {key.Length}.", nameof(key));
        }

        if (value.Length > MaxValueBytes)
        {
            throw new ArgumentException($"A KVP value holds at most {MaxValueBytes} UTF-8 bytes; this one has {value.Length}.", nameof(value));
        }

        // A NUL ends the text in a record (docs/protocol.md 2.2 and 7): "a\0b" would be stored as "a" while the index
        // held "a\0b". KvpText cannot hold one; a caller with bytes of its own is checked here.
        if (key.Contains((byte)0) || value.Contains((byte)0))
        {
            throw new ArgumentException("A KVP key or value cannot contain a NUL byte.", key.Contains((byte)0) ? nameof(key) : nameof(value));
        }
    }
}
