// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

using KvpDaemon.Protocol;

namespace KvpDaemon.Pools;

/// <summary>
/// Compares keys ordinally, byte for byte, whether held as a <see cref="KvpText"/> or seen as bytes in a received
/// message: a pool file's key index is looked up with the message's bytes (a dictionary's alternate lookup), so a GET,
/// SET or DELETE of a key already stored copies nothing (docs/performance.md, "Memory: a request path without
/// garbage").
/// </summary>
internal sealed class KvpTextComparer : IEqualityComparer<KvpText>, IAlternateEqualityComparer<ReadOnlySpan<byte>, KvpText>
{
    public static KvpTextComparer Instance { get; } = new();

    public bool Equals(KvpText x, KvpText y) => x.Equals(y);

    public int GetHashCode(KvpText obj) => obj.GetHashCode();

    public bool Equals(ReadOnlySpan<byte> alternate, KvpText other) => alternate.SequenceEqual(other.Bytes);

    public int GetHashCode(ReadOnlySpan<byte> alternate) => KvpText.HashOf(alternate);

    public KvpText Create(ReadOnlySpan<byte> alternate) => KvpText.Copy(alternate);
}
