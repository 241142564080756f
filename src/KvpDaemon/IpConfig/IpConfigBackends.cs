// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

using KvpDaemon.IpConfig.Backends;

namespace KvpDaemon.IpConfig;

/// <summary>
/// The backends <see cref="IpConfigOptions.Backend"/> can name, one row each: the one place a backend is registered
/// (docs/contributing.md, "A new IP-configuration backend"). The accepted names and the factory both come from it.
/// </summary>
internal static class IpConfigBackends
{
    private static readonly (string Name, Func<IpConfigOptions, IpConfigPlatform, IIpConfigBackend> Create)[] Table =
    [
        (IpConfigBackendNames.NetworkManager, static (_, _) => new NetworkManagerBackend()),
        (IpConfigBackendNames.Networkd, static (_, _) => new NetworkdBackend()),
        (IpConfigBackendNames.Netplan, static (_, _) => new NetplanBackend()),
        (IpConfigBackendNames.Ifupdown, static (_, _) => new IfupdownBackend()),
        (IpConfigBackendNames.Ifcfg, static (_, _) => new IfcfgBackend()),
        (IpConfigBackendNames.Iproute2, static (options, _) => new Iproute2Backend(options.ManageResolvConf)),
        (IpConfigBackendNames.FreeBsd, static (_, _) => new FreeBsdBackend()),
        (IpConfigBackendNames.Script, static (options, platform) => new ScriptBackend(
            string.IsNullOrEmpty(options.SetIfconfigScript)
                ? throw new InvalidOperationException("The script backend needs IpConfig:SetIfconfigScript.")
                : options.SetIfconfigScript,
            options.StateDirectory,
            platform)),
    ];

    /// <summary>What IpConfig:Backend accepts: <c>auto</c> and every registered backend.</summary>
    public static IReadOnlyList<string> Names { get; } = [IpConfigBackendNames.Auto, .. Table.Select(row => row.Name)];

    /// <summary>The backend called <paramref name="name"/>, with the settings in effect.</summary>
    /// <exception cref="InvalidOperationException">No backend has that name, or its settings are incomplete.</exception>
    public static IIpConfigBackend Create(string name, IpConfigOptions options, IpConfigPlatform platform)
    {
        foreach (var (rowName, create) in Table)
        {
            if (rowName == name)
            {
                return create(options, platform);
            }
        }

        throw new InvalidOperationException($"Unknown IpConfig backend '{name}'.");
    }
}
