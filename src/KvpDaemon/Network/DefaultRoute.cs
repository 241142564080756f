// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

using System.Net;

namespace KvpDaemon.Network;

/// <summary>A default route (IPv4 0.0.0.0/0 or IPv6 ::/0) through a gateway, on the interface named exactly <paramref name="InterfaceName"/>.</summary>
internal sealed record DefaultRoute(string InterfaceName, IPAddress Gateway, uint Metric);
