// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

namespace KvpDaemon.Protocol;

/// <summary><c>hv_kvp_hdr.pool</c> (docs/protocol.md 1.2); the host-side meaning follows docs/compatibility.md section 0.</summary>
internal enum KvpPool : byte
{
    /// <summary>Items the host administrator pushes into the guest (WMI HostExchangeItems, Source=0).</summary>
    External = 0,

    /// <summary>Items guest software publishes for the host (GuestExchangeItems, Source=1).</summary>
    Guest = 1,

    /// <summary>Intrinsic guest items, synthesized by the daemon (GuestIntrinsicExchangeItems, Source=2).</summary>
    Intrinsic = 2,

    /// <summary>Host facts the host pushes into the guest (Guest\Parameter: HostName, VirtualMachineName, ...).</summary>
    Parameters = 3,

    /// <summary>Reserved; stored like pools 0, 1 and 3 (docs/protocol.md 1.2 marks its use UNVERIFIED).</summary>
    Internal = 4,
}

/// <summary>Facts about pool numbers.</summary>
internal static class KvpPools
{
    /// <summary><c>KVP_POOL_COUNT</c> (docs/protocol.md 1.2): pools are 0 to 4; the kernel relays any byte.</summary>
    public const int KVP_POOL_COUNT = 5;

    public static bool IsValid(byte pool) => pool < KVP_POOL_COUNT;
}
