// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

using System.Buffers.Binary;
using System.Text;

namespace KvpDaemon.Protocol;

/// <summary>
/// Reads fields of one KVP message at absolute offsets (<see cref="KvpWireLayout"/>). It never throws on content: any
/// byte sequence of the right length reads as something, so hostile input ends as a status, not an exception.
/// </summary>
internal readonly ref struct KvpMessageReader
{
    private readonly ReadOnlySpan<byte> _message;

    public KvpMessageReader(ReadOnlySpan<byte> message) => _message = message;

    public byte ReadByte(int offset) => _message[offset];

    public uint ReadUInt32(int offset) => BinaryPrimitives.ReadUInt32LittleEndian(_message.Slice(offset, sizeof(uint)));

    /// <summary>A NUL-terminated field as bytes (<see cref="KvpText.FromField"/>).</summary>
    public KvpText ReadText(int offset, int fieldSize) => KvpText.FromField(_message.Slice(offset, fieldSize));

    /// <summary>A NUL-terminated field's text in place, without copying (<see cref="KvpText.TextOfField"/>).</summary>
    public ReadOnlySpan<byte> ReadTextInPlace(int offset, int fieldSize) => KvpText.TextOfField(_message.Slice(offset, fieldSize));

    /// <summary>A NUL-terminated field as a string; ill-formed UTF-8 becomes U+FFFD, which validation then rejects.</summary>
    public string ReadString(int offset, int fieldSize)
    {
        var field = _message.Slice(offset, fieldSize);
        var end = field.IndexOf((byte)0);
        return Encoding.UTF8.GetString(end < 0 ? field[..^1] : field[..end]);
    }
}
