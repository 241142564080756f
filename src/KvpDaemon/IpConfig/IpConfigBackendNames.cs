// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

namespace KvpDaemon.IpConfig;

/// <summary>The values of <see cref="IpConfigOptions.Backend"/>; <see cref="IpConfigBackends"/> says what each one builds.</summary>
internal static class IpConfigBackendNames
{
    public const string Auto = "auto";
    public const string NetworkManager = "networkmanager";
    public const string Networkd = "networkd";
    public const string Netplan = "netplan";
    public const string Ifupdown = "ifupdown";
    public const string Ifcfg = "ifcfg";
    public const string Iproute2 = "iproute2";
    public const string FreeBsd = "freebsd";
    public const string Script = "script";
}
