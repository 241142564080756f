// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

using System.Buffers.Binary;
using System.Globalization;

namespace KvpDaemon.Network;

/// <summary>
/// A 6-byte Ethernet MAC address: how the host names an adapter in GET_IP_INFO (docs/protocol.md 5.1). Parsing accepts the
/// spellings a host or a configuration file uses (case-insensitive hex, ':' or '-' between the bytes, or none), but
/// exactly 6 bytes; the text form is the reference daemons' upper-case colon form (<c>00:15:5D:0A:0B:0C</c>).
/// </summary>
internal readonly struct MacAddress : IEquatable<MacAddress>
{
    public const int Length = 6;

    // The 48 bits in network order, most significant byte first.
    private readonly ulong _value;

    public MacAddress(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length != Length)
        {
            throw new ArgumentException("A MAC address has exactly 6 bytes.", nameof(bytes));
        }

        Span<byte> padded = stackalloc byte[8];
        padded.Clear();
        bytes.CopyTo(padded[2..]);
        _value = BinaryPrimitives.ReadUInt64BigEndian(padded);
    }

    /// <summary>Parses <c>00:15:5d:0a:0b:0c</c>, <c>00-15-5D-0A-0B-0C</c> or <c>00155D0A0B0C</c>; surrounding whitespace is ignored.</summary>
    public static bool TryParse(ReadOnlySpan<char> text, out MacAddress mac)
    {
        mac = default;
        text = text.Trim();
        Span<byte> bytes = stackalloc byte[Length];
        if (text.Length == Length * 2)
        {
            for (var i = 0; i < Length; i++)
            {
                if (!TryParseByte(text.Slice(i * 2, 2), out bytes[i]))
                {
                    return false;
                }
            }

            mac = new MacAddress(bytes);
            return true;
        }

        // Six pairs and five separators: 17 characters.
        if (text.Length != (Length * 3) - 1)
        {
            return false;
        }

        for (var i = 0; i < Length; i++)
        {
            var position = i * 3;
            if (i > 0 && text[position - 1] is not (':' or '-'))
            {
                return false;
            }

            if (!TryParseByte(text.Slice(position, 2), out bytes[i]))
            {
                return false;
            }
        }

        mac = new MacAddress(bytes);
        return true;
    }

    public byte[] GetBytes()
    {
        var bytes = new byte[8];
        BinaryPrimitives.WriteUInt64BigEndian(bytes, _value);
        return bytes[2..];
    }

    public bool Equals(MacAddress other) => _value == other._value;

    public override bool Equals(object? obj) => obj is MacAddress other && Equals(other);

    public override int GetHashCode() => _value.GetHashCode();

    /// <summary>The upper-case, colon-separated, zero-padded form the reference daemons compare against.</summary>
    public override string ToString()
    {
        var bytes = GetBytes();
        return string.Create(CultureInfo.InvariantCulture, $"{bytes[0]:X2}:{bytes[1]:X2}:{bytes[2]:X2}:{bytes[3]:X2}:{bytes[4]:X2}:{bytes[5]:X2}");
    }

    public static bool operator ==(MacAddress left, MacAddress right) => left.Equals(right);

    public static bool operator !=(MacAddress left, MacAddress right) => !left.Equals(right);

    private static bool TryParseByte(ReadOnlySpan<char> pair, out byte value)
    {
        // AllowHexSpecifier alone: no sign, no whitespace, no "0x".
        return byte.TryParse(pair, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out value);
    }
}
