// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

using KvpDaemon.IntegrationTests.Infrastructure;
using KvpDaemon.Protocol;

namespace KvpDaemon.IntegrationTests;

/// <summary>Requests and events that crash or stop the reference daemons; the daemon answers and keeps serving.</summary>
public sealed class RobustnessTests
{
    [Theory]
    [InlineData("linux")]
    [InlineData("freebsd")]
    public async Task InvalidPoolAndUnknownOperation_GetTheirStatusAndTheDaemonStaysUp(string abi)
    {
        await using var session = await Sessions.StartAsync(abi);

        (await session.SendAsync(new KvpSetRequest(5, "k", "v"))).Should().Be(KvpStatusReply.Continue);
        (await session.SendAsync(new KvpGetRequest(200, "k"))).Should().Be(KvpStatusReply.Continue);
        (await session.SendAsync(new KvpEnumerateRequest(255, 0))).Should().Be(KvpStatusReply.Continue);
        (await session.SendAsync(new KvpSetRequest(2, "OSName", "spoofed"))).Should().Be(KvpStatusReply.Continue);
        (await session.SendAsync(new KvpUnknownRequest(0, 99))).Status.Should().Be(HvStatus.HV_ERROR_NOT_SUPPORTED);

        (await session.SendAsync(new KvpSetRequest(0, "still", "serving"))).Should().Be(KvpStatusReply.Ok);
        session.Daemon.HasExited.Should().BeFalse();
        new FileInfo(session.PoolFile(2)).Length.Should().Be(0);
    }

    [Theory]
    [InlineData("linux")]
    [InlineData("freebsd")]
    public async Task SimulatorDisconnects_DaemonRegistersAgainAndServes(string abi)
    {
        await using var session = await Sessions.StartAsync(abi);
        await session.SendAsync(new KvpSetRequest(0, "before", "reset"));

        for (var reset = 1; reset <= 3; reset++)
        {
            await session.Simulator.DisconnectAsync();
            using var guard = new CancellationTokenSource(Sessions.RegistrationTimeout);
            await session.Simulator.WaitForRegistrationAsync(guard.Token);
        }

        session.Simulator.Registrations.Should().Be(4);
        (await session.SendAsync(new KvpGetRequest(0, "before"))).Should().Be(new KvpGetReply("reset"));
    }

    [Theory]
    [InlineData("linux")]
    [InlineData("freebsd")]
    public async Task PoolFileTruncatedMidRecordOrGarbage_DoesNotStopTheDaemon(string abi)
    {
        await using var session = await Sessions.StartAsync(abi);
        await session.SendAsync(new KvpSetRequest(1, "a", "1"));
        await session.SendAsync(new KvpSetRequest(1, "b", "2"));

        // Truncated in the middle of the second record: the first is still served.
        using (var file = new FileStream(session.PoolFile(1), FileMode.Open, FileAccess.Write, FileShare.ReadWrite))
        {
            file.SetLength(2560 + 1000);
        }

        (await session.SendAsync(new KvpEnumerateRequest(1, 0))).Should().Be(new KvpEnumerateReply("a", "1"));
        (await session.SendAsync(new KvpEnumerateRequest(1, 1))).Should().Be(KvpStatusReply.Continue);

        // Replaced by 3,000 bytes of garbage: one record's worth of bytes, read as one (odd) record.
        var garbage = new byte[3000];
        new Random(42).NextBytes(garbage);
        await File.WriteAllBytesAsync(session.PoolFile(1), garbage);

        (await session.SendAsync(new KvpEnumerateRequest(1, 0))).Status.Should().Be(HvStatus.HV_S_OK);
        (await session.SendAsync(new KvpSetRequest(1, "after", "garbage"))).Should().Be(KvpStatusReply.Ok);
        (await session.SendAsync(new KvpGetRequest(1, "after"))).Should().Be(new KvpGetReply("garbage"));
        session.Daemon.HasExited.Should().BeFalse();
    }

    [Theory]
    [InlineData("linux")]
    [InlineData("freebsd")]
    public async Task PoolFileDeleted_IsRecreatedByTheNextRequest(string abi)
    {
        await using var session = await Sessions.StartAsync(abi);
        await session.SendAsync(new KvpSetRequest(0, "a", "1"));

        File.Delete(session.PoolFile(0));

        (await session.SendAsync(new KvpGetRequest(0, "a"))).Should().Be(KvpStatusReply.Continue);
        (await session.SendAsync(new KvpSetRequest(0, "b", "2"))).Should().Be(KvpStatusReply.Ok);
        File.ReadAllBytes(session.PoolFile(0)).Should().Equal(PoolBytes.Records(("b", "2")));
    }

    [Theory]
    [InlineData("linux")]
    [InlineData("freebsd")]
    public async Task PoolDirectoryUnwritable_HostGetsFailAndTheDaemonRecovers(string abi)
    {
        await using var session = await Sessions.StartAsync(abi);
        Directory.Delete(session.PoolDirectory, recursive: true);

        (await session.SendAsync(new KvpSetRequest(0, "k", "v"))).Should().Be(KvpStatusReply.Fail);

        Directory.CreateDirectory(session.PoolDirectory);
        (await session.SendAsync(new KvpSetRequest(0, "k", "v"))).Should().Be(KvpStatusReply.Ok);
    }
}
