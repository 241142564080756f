// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

using System.Net;

namespace KvpDaemon.Network;

/// <summary>One unicast address of an interface with its prefix length (0..32 for IPv4, 0..128 for IPv6).</summary>
internal sealed record InterfaceAddress(IPAddress Address, int PrefixLength);
