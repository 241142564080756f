// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

namespace KvpDaemon.IpConfig;

/// <summary>
/// A validated SET_IP_INFO request: the interface it targets and the settings to apply. The input of every backend.
/// </summary>
/// <param name="InterfaceName">A name that passed <see cref="IpConfig.InterfaceName.IsValid"/>.</param>
/// <param name="MacAddress">Upper-case, colon-separated; null when the OS did not tell.</param>
/// <param name="Settings">The validated lists.</param>
internal sealed record IpConfigRequest(string InterfaceName, string? MacAddress, IpSettings Settings);
