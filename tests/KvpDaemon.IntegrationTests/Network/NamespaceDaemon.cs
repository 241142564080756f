// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

using KvpDaemon.HostSimulator.Daemon;
using KvpDaemon.IntegrationTests.Infrastructure;
using KvpDaemon.Protocol;

namespace KvpDaemon.IntegrationTests.Network;

/// <summary>
/// Starts the built hypervkvpd inside a network namespace (<c>ip netns exec NS hypervkvpd ...</c>) against a simulator
/// in this process: the simulator's socket is a filesystem path, which every network namespace reaches.
/// </summary>
internal static class NamespaceDaemon
{
    /// <param name="networkNamespace">Where the daemon runs.</param>
    /// <param name="configFile">The daemon's <c>--config</c> JSON file (always given, so no system file is read).</param>
    /// <param name="privateDirectory">
    /// When set, its <c>run</c> and <c>dhcp</c> subdirectories are bind-mounted over <c>/run</c> and
    /// <c>/var/lib/dhcp</c> for the daemon (<c>unshare --mount</c>), so that the dhclient pid and lease files the
    /// iproute2 backend uses stay out of the machine's directories.
    /// </param>
    public static Task<DaemonSession> StartAsync(NetworkNamespace networkNamespace, string configFile, string? privateDirectory = null) =>
        DaemonSession.StartAsync(
            KvpAbi.Linux,
            new DaemonProcessOptions
            {
                Debug = true,
                CommandPrefix = privateDirectory is null ? networkNamespace.ExecPrefix : PrivatePrefix(networkNamespace, privateDirectory),
                ExtraArguments = ["--config", configFile],
            },
            Sessions.RegistrationTimeout,
            CancellationToken.None);

    private static IReadOnlyList<string> PrivatePrefix(NetworkNamespace networkNamespace, string directory)
    {
        var run = Path.Combine(directory, "run");
        var dhcp = Path.Combine(directory, "dhcp");
        Directory.CreateDirectory(run);
        Directory.CreateDirectory(dhcp);
        return
        [
            .. networkNamespace.ExecPrefix, "unshare", "--mount", "--propagation", "private",
            "sh", "-c", "mount --bind \"$0\" /run && mount --bind \"$1\" /var/lib/dhcp && shift && exec \"$@\"", run, dhcp,
        ];
    }
}
