// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

using KvpDaemon.HostSimulator.Daemon;
using KvpDaemon.IntegrationTests.Infrastructure;

namespace KvpDaemon.IntegrationTests.Reliability;

/// <summary>Daemon sessions for the fault suite: without debug logging, which would cost more than the requests.</summary>
internal static class FaultSessions
{
    public static Task<DaemonSession> StartQuietAsync(string abi, string? poolDirectory = null) =>
        DaemonSession.StartAsync(
            Sessions.Abi(abi),
            new DaemonProcessOptions { Debug = false },
            Sessions.RegistrationTimeout,
            CancellationToken.None,
            poolDirectory);

    /// <summary>The median and the maximum of <paramref name="times"/> in milliseconds, for the test output.</summary>
    public static string Describe(IReadOnlyCollection<TimeSpan> times)
    {
        var sorted = times.Order().ToArray();
        return $"n={sorted.Length} median={sorted[sorted.Length / 2].TotalMilliseconds:0.0} ms max={sorted[^1].TotalMilliseconds:0.0} ms";
    }
}
