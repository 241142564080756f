// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

namespace KvpDaemon.Protocol;

/// <summary>
/// Where the answer to a <see cref="KvpPoolRequest"/> goes: straight into the reply message (the daemon's request loop,
/// which then allocates nothing for it), or into a <see cref="KvpReply"/> object for callers that want one (tests,
/// the hostile rig). Both go through the same encoders, so the bytes the kernel reads are the same either way.
/// </summary>
internal ref struct KvpReplyWriter
{
    private readonly KvpAbi? _abi;
    private readonly Span<byte> _message;

    private KvpReplyWriter(KvpAbi? abi, Span<byte> message)
    {
        _abi = abi;
        _message = message;
    }

    /// <summary>The reply written, when writing objects; null when writing into a message.</summary>
    public KvpReply? Reply { get; private set; }

    /// <summary>Writes into <paramref name="message"/>, exactly <see cref="KvpAbi.MessageSize"/> bytes.</summary>
    public static KvpReplyWriter IntoMessage(KvpAbi abi, Span<byte> message) => new(abi, message);

    /// <summary>Builds a <see cref="Reply"/> object instead.</summary>
    public static KvpReplyWriter IntoObject() => new(null, default);

    /// <summary>A status with no data.</summary>
    public void Status(KvpStatusReply status) => Object(status);

    /// <summary>A successful GET with <paramref name="value"/> (a view that need not outlive this call).</summary>
    public void GetValue(ReadOnlySpan<byte> value)
    {
        if (_abi is null)
        {
            Reply = new KvpGetReply(KvpText.Copy(value));
        }
        else
        {
            KvpCodec.EncodeGetReply(_abi, value, _message);
        }
    }

    /// <summary>A successful ENUMERATE with the item <paramref name="key"/>, <paramref name="value"/>.</summary>
    public void Item(ReadOnlySpan<byte> key, ReadOnlySpan<byte> value)
    {
        if (_abi is null)
        {
            Reply = new KvpEnumerateReply(KvpText.Copy(key), KvpText.Copy(value));
        }
        else
        {
            KvpCodec.EncodeEnumerateReply(_abi, key, value, _message);
        }
    }

    /// <summary>A reply that is an object already (the intrinsic items keep theirs).</summary>
    public void Object(KvpReply reply)
    {
        if (_abi is null)
        {
            Reply = reply;
        }
        else
        {
            KvpCodec.EncodeReply(_abi, reply, _message);
        }
    }
}
