// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

namespace KvpDaemon.Intrinsic;

/// <summary>
/// The values of the pool-2 items NetworkAddressIPv4 and NetworkAddressIPv6 (docs/protocol.md 4.5), already formatted for
/// the platform (';'-separated, trailing ';' on FreeBSD) and within the value field.
/// </summary>
internal interface IAddressListSource
{
    IntrinsicAddressLists GetAddressLists();
}

/// <summary>The two pool-2 address items.</summary>
internal sealed record IntrinsicAddressLists(string IPv4, string IPv6);
