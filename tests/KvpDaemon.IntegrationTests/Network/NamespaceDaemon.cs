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
    public static Task<DaemonSession> StartAsync(NetworkNamespace networkNamespace, string configFile) =>
        DaemonSession.StartAsync(
            KvpAbi.Linux,
            new DaemonProcessOptions
            {
                Debug = true,
                CommandPrefix = networkNamespace.ExecPrefix,
                ExtraArguments = ["--config", configFile],
            },
            Sessions.RegistrationTimeout,
            CancellationToken.None);
}
