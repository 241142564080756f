// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

using System.Diagnostics;
using KvpDaemon.IntegrationTests.Infrastructure;
using KvpDaemon.Protocol;
using Xunit.Abstractions;

namespace KvpDaemon.IntegrationTests.Reliability;

/// <summary>
/// The simulator drops the connection over and over (a device reset, docs/protocol.md 3.1 "release"): the daemon registers
/// again within a second every time (its back-off starts at 50 ms) and keeps its data.
/// </summary>
public sealed class ReconnectTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(1);

    [Theory]
    [InlineData("linux")]
    [InlineData("freebsd")]
    public Task Disconnected20Times_RegistersAgainWithinASecondEachTime(string abi) => RunAsync(abi, 20);

    [LongFact]
    public async Task Disconnected100Times_RegistersAgainWithinASecondEachTime()
    {
        await RunAsync("linux", 100);
        await RunAsync("freebsd", 100);
    }

    private async Task RunAsync(string abi, int resets)
    {
        await using var session = await FaultSessions.StartQuietAsync(abi);
        (await session.SendAsync(new KvpSetRequest(1, "kept", "across resets"))).Should().Be(KvpStatusReply.Ok);

        var times = new List<TimeSpan>();
        for (var reset = 1; reset <= resets; reset++)
        {
            var start = Stopwatch.GetTimestamp();
            await session.Simulator.DisconnectAsync();
            using var guard = new CancellationTokenSource(Sessions.RegistrationTimeout);
            await session.Simulator.WaitForRegistrationAsync(guard.Token);
            times.Add(Stopwatch.GetElapsedTime(start));

            // Served after each registration, so every reset hits a daemon that is idle in its read.
            (await session.SendAsync(new KvpEnumerateRequest(1, 0))).Should().Be(new KvpEnumerateReply("kept", "across resets"));
        }

        output.WriteLine($"{abi}: re-registration after a disconnect: {FaultSessions.Describe(times)}");
        session.Simulator.Registrations.Should().Be(resets + 1);
        session.Daemon.HasExited.Should().BeFalse();
        times.Should().OnlyContain(time => time < Limit, FaultSessions.Describe(times));
    }
}
