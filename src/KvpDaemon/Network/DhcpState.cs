// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

namespace KvpDaemon.Network;

/// <summary>
/// Whether an interface is configured by DHCP, as far as the network configuration on disk tells. <see cref="Unknown"/>
/// is a legal answer (no known configuration system manages the interface); it is reported to the host as disabled.
/// </summary>
internal enum DhcpState
{
    Unknown,
    Enabled,
    Disabled,
}
