// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

namespace KvpDaemon.Protocol;

/// <summary>
/// A GET, SET, DELETE or ENUMERATE read in place (docs/protocol.md 3.4): the key and value are views of the received
/// message, valid while it is. The daemon's request loop serves these four without building a request object or copying
/// a key, because that per-request garbage is what set its peak memory (docs/performance.md, "Memory: a request path
/// without garbage").
/// <see cref="Pool"/> is the byte as received: it may be out of range.
/// </summary>
internal readonly ref struct KvpPoolRequest
{
    public KvpPoolRequest(KvpOperation operation, byte pool, ReadOnlySpan<byte> key, ReadOnlySpan<byte> value, uint index)
    {
        Operation = operation;
        Pool = pool;
        Key = key;
        Value = value;
        Index = index;
    }

    public KvpOperation Operation { get; }

    public byte Pool { get; }

    /// <summary>GET, SET, DELETE: the key's bytes up to its NUL (<see cref="KvpText.TextOfField"/>).</summary>
    public ReadOnlySpan<byte> Key { get; }

    /// <summary>SET: the value's bytes up to its NUL.</summary>
    public ReadOnlySpan<byte> Value { get; }

    /// <summary>ENUMERATE: the index, unsigned (QUIRK-21).</summary>
    public uint Index { get; }

    /// <summary>The name log lines give this request: that of its <see cref="KvpRequest"/> type, as they always have.</summary>
    public string Name => Operation switch
    {
        KvpOperation.KVP_OP_GET => nameof(KvpGetRequest),
        KvpOperation.KVP_OP_SET => nameof(KvpSetRequest),
        KvpOperation.KVP_OP_DELETE => nameof(KvpDeleteRequest),
        _ => nameof(KvpEnumerateRequest),
    };

    /// <summary>The request as an object, its key and value copied out of the message.</summary>
    public KvpRequest ToRequest() => Operation switch
    {
        KvpOperation.KVP_OP_GET => new KvpGetRequest(Pool, KvpText.Copy(Key)),
        KvpOperation.KVP_OP_SET => new KvpSetRequest(Pool, KvpText.Copy(Key), KvpText.Copy(Value)),
        KvpOperation.KVP_OP_DELETE => new KvpDeleteRequest(Pool, KvpText.Copy(Key)),
        _ => new KvpEnumerateRequest(Pool, Index),
    };

    /// <summary>
    /// The view of a decoded GET, SET, DELETE or ENUMERATE (tests, the hostile rig); false for any other request.
    /// </summary>
    public static bool TryFrom(KvpRequest request, out KvpPoolRequest poolRequest)
    {
        poolRequest = request switch
        {
            KvpGetRequest get => new(KvpOperation.KVP_OP_GET, get.Pool, get.Key.Bytes, default, 0),
            KvpSetRequest set => new(KvpOperation.KVP_OP_SET, set.Pool, set.Key.Bytes, set.Value.Bytes, 0),
            KvpDeleteRequest delete => new(KvpOperation.KVP_OP_DELETE, delete.Pool, delete.Key.Bytes, default, 0),
            KvpEnumerateRequest enumerate => new(KvpOperation.KVP_OP_ENUMERATE, enumerate.Pool, default, default, enumerate.Index),
            _ => default,
        };
        return request is KvpGetRequest or KvpSetRequest or KvpDeleteRequest or KvpEnumerateRequest;
    }
}
