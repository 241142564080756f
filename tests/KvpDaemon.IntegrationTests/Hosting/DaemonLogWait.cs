// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

using KvpDaemon.HostSimulator.Daemon;

namespace KvpDaemon.IntegrationTests.Hosting;

/// <summary>Waits for lines in a running daemon's output. The timeout only guards against a hang.</summary>
internal static class DaemonLogWait
{
    public static readonly TimeSpan Guard = TimeSpan.FromSeconds(30);

    /// <summary>How many lines of the daemon's output match now.</summary>
    public static int Count(this DaemonSession session, Func<string, bool> match) =>
        session.Daemon.Log.Snapshot().Count(match);

    /// <summary>
    /// Waits until more than <paramref name="already"/> lines match, and returns the newest match. Fails with the
    /// daemon's log when none arrives within <see cref="Guard"/> or the daemon exits.
    /// </summary>
    public static async Task<string> WaitForLineAsync(this DaemonSession session, Func<string, bool> match, int already = 0)
    {
        using var guard = new CancellationTokenSource(Guard);
        while (true)
        {
            var matches = session.Daemon.Log.Snapshot().Where(match).ToArray();
            if (matches.Length > already)
            {
                return matches[^1];
            }

            if (session.Daemon.HasExited || guard.IsCancellationRequested)
            {
                throw new Xunit.Sdk.XunitException($"No matching line from the daemon. {session.DescribeDaemon()}");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(50), CancellationToken.None);
        }
    }
}
