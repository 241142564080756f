// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

using System.Text;
using KvpDaemon.Dispatch;
using KvpDaemon.Protocol;

namespace KvpDaemon.Intrinsic;

/// <summary>
/// Pool 2, the intrinsic items (docs/protocol.md 4.5): a fixed table of ten keys whose values the daemon computes when the
/// host asks, instead of storing them. The OS items are read once, from start-up on; the FQDN, the addresses and the
/// integration services version are read live. Thread-safe; one instance for the daemon's lifetime.
/// </summary>
internal sealed class IntrinsicItems : IIntrinsicItems
{
    /// <summary>The longest value, in UTF-8 bytes: the 2048-byte value field less its NUL.</summary>
    public const int MaxValueBytes = KvpWireLayout.HV_KVP_EXCHANGE_MAX_VALUE_SIZE - 1;

    // The index-to-name mapping is fixed by Microsoft's host; order and spelling are part of the protocol.
    private const int FullyQualifiedDomainName = 0;
    private const int IntegrationServicesVersion = 1;
    private const int NetworkAddressIPv4 = 2;
    private const int NetworkAddressIPv6 = 3;
    private const int OSBuildNumber = 4;
    private const int OSName = 5;
    private const int OSMajorVersion = 6;
    private const int OSMinorVersion = 7;
    private const int OSVersion = 8;
    private const int ProcessorArchitecture = 9;

    private static readonly KvpText[] Keys =
    [
        "FullyQualifiedDomainName",
        "IntegrationServicesVersion",
        "NetworkAddressIPv4",
        "NetworkAddressIPv6",
        "OSBuildNumber",
        "OSName",
        "OSMajorVersion",
        "OSMinorVersion",
        "OSVersion",
        "ProcessorArchitecture",
    ];

    private readonly Task<OsInfo> _osInfo;
    private readonly IFqdnSource _fqdn;
    private readonly IAddressListSource _addresses;
    private volatile string _integrationServicesVersion;

    /// <summary>
    /// Per item, the replies last built and the text they were built from. The host polls these items every few
    /// seconds and they rarely change, so an unchanged text reuses its replies instead of encoding them anew on every
    /// request (docs/performance.md, "Memory: a request path without garbage"). Each slot is replaced whole, so
    /// concurrent readers see one or the other.
    /// </summary>
    private readonly CachedItem?[] _cache = new CachedItem?[Keys.Length];

    /// <param name="abi">Gives the IntegrationServicesVersion until the kernel sends one.</param>
    /// <param name="osInfo">
    /// The OS items, read once by <see cref="OsInfoReader"/> in the background while the daemon registers; a request
    /// for one of them waits for the read, and gets its exception if it failed.
    /// </param>
    /// <param name="fqdn">Asked on every request for index 0.</param>
    /// <param name="addresses">Asked on every request for index 2 or 3.</param>
    public IntrinsicItems(KvpAbi abi, Task<OsInfo> osInfo, IFqdnSource fqdn, IAddressListSource addresses)
    {
        _osInfo = osInfo;
        _fqdn = fqdn;
        _addresses = addresses;
        _integrationServicesVersion = abi.DefaultIntegrationServicesVersion;
    }

    /// <summary>The number of items; ENUMERATE at this index or beyond answers HV_S_CONT.</summary>
    public static int Count => Keys.Length;

    /// <summary>The item at <paramref name="index"/>, or HV_S_CONT (end of list) from index 10 on.</summary>
    public KvpReply Enumerate(uint index) =>
        index < (uint)Keys.Length
            ? ItemAt((int)index).Item
            : KvpStatusReply.Continue;

    /// <summary>The value of one of the ten items by exact (ordinal) name, or HV_S_CONT for any other key.</summary>
    public KvpReply Get(ReadOnlySpan<byte> key)
    {
        for (var index = 0; index < Keys.Length; index++)
        {
            if (key.SequenceEqual(Keys[index].Bytes))
            {
                return ItemAt(index).Value;
            }
        }

        return KvpStatusReply.Continue;
    }

    /// <summary>
    /// Records the version string of the Linux kernel's registration reply ("3.1"). FreeBSD's kernel sends none, so
    /// there the ABI's constant stays.
    /// </summary>
    public void SetIntegrationServicesVersion(string version)
    {
        _integrationServicesVersion = version;
    }

    /// <summary>
    /// <paramref name="text"/> as a value: cut at a NUL (the C daemons copy C strings) and to at most
    /// <see cref="MaxValueBytes"/> UTF-8 bytes, never inside a character.
    /// </summary>
    internal static KvpText ToValue(string text)
    {
        var nul = text.IndexOf('\0', StringComparison.Ordinal);
        if (nul >= 0)
        {
            text = text[..nul];
        }

        var bytes = Encoding.UTF8.GetBytes(text);
        if (bytes.Length <= MaxValueBytes)
        {
            return KvpText.FromString(text);
        }

        var length = MaxValueBytes;
        while (length > 0 && (bytes[length] & 0xC0) == 0x80)
        {
            // bytes[length] continues the character that starts before it: cut before that character.
            length--;
        }

        return KvpText.FromString(Encoding.UTF8.GetString(bytes, 0, length));
    }

    // Blocking is fine: requests are served one at a time on the daemon's own thread, and the read runs on the pool.
    private OsInfo Os => _osInfo.GetAwaiter().GetResult();

    /// <summary>The replies for item <paramref name="index"/>, built again only when its text changed.</summary>
    private CachedItem ItemAt(int index)
    {
        var text = TextOf(index);
        var cached = Volatile.Read(ref _cache[index]);
        if (cached is null || !string.Equals(cached.Text, text, StringComparison.Ordinal))
        {
            var value = ToValue(text);
            cached = new CachedItem(text, new KvpEnumerateReply(Keys[index], value), new KvpGetReply(value));
            Volatile.Write(ref _cache[index], cached);
        }

        return cached;
    }

    private string TextOf(int index) => index switch
    {
        FullyQualifiedDomainName => _fqdn.GetFullyQualifiedDomainName(),
        IntegrationServicesVersion => _integrationServicesVersion,
        NetworkAddressIPv4 => _addresses.GetAddressLists().IPv4,
        NetworkAddressIPv6 => _addresses.GetAddressLists().IPv6,
        OSBuildNumber => Os.OSBuildNumber,
        OSName => Os.OSName,
        OSMajorVersion => Os.OSMajorVersion,
        OSMinorVersion => Os.OSMinorVersion,
        OSVersion => Os.OSVersion,
        ProcessorArchitecture => Os.ProcessorArchitecture,
        _ => throw new ArgumentOutOfRangeException(nameof(index), index, "Pool 2 has ten items."),
    };

    private sealed class CachedItem(string text, KvpEnumerateReply item, KvpGetReply value)
    {
        public string Text { get; } = text;

        public KvpEnumerateReply Item { get; } = item;

        public KvpGetReply Value { get; } = value;
    }
}
