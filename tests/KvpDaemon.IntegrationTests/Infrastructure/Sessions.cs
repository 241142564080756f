// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

using KvpDaemon.HostSimulator.Daemon;
using KvpDaemon.Protocol;

namespace KvpDaemon.IntegrationTests.Infrastructure;

/// <summary>Starts the built hypervkvpd process against a host simulator. Timeouts here only guard against hangs.</summary>
internal static class Sessions
{
    public static readonly TimeSpan RegistrationTimeout = TimeSpan.FromSeconds(60);

    public static KvpAbi Abi(string name) => KvpAbi.TryParse(name, out var abi) ? abi : throw new ArgumentException(name);

    /// <param name="abi">linux or freebsd.</param>
    /// <param name="environment">Extra environment variables for the daemon.</param>
    /// <param name="poolDirectory">An existing pool directory (a restart), or null for a new one.</param>
    public static Task<DaemonSession> StartAsync(
        string abi, IReadOnlyDictionary<string, string>? environment = null, string? poolDirectory = null) =>
        DaemonSession.StartAsync(
            Abi(abi),
            new DaemonProcessOptions { Debug = true, Environment = environment ?? new Dictionary<string, string>() },
            RegistrationTimeout,
            CancellationToken.None,
            poolDirectory);

    /// <summary>Sends one request with a hang guard.</summary>
    public static async Task<KvpReply> SendAsync(this DaemonSession session, KvpRequest request)
    {
        using var guard = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        return await session.Simulator.SendAsync(request, guard.Token);
    }

    public static string PoolFile(this DaemonSession session, byte pool) =>
        Path.Combine(session.PoolDirectory, $".kvp_pool_{pool}");
}
