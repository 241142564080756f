// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

using KvpDaemon.HostSimulator.Demo;
using KvpDaemon.IntegrationTests.Infrastructure;
using KvpDaemon.Protocol;

namespace KvpDaemon.IntegrationTests;

/// <summary>What a Hyper-V host does with the stored pools, against the real daemon process, for both kernel ABIs.</summary>
public sealed class PoolOperationTests
{
    [Theory]
    [InlineData("linux")]
    [InlineData("freebsd")]
    public async Task SetOverwriteGetDelete_Pools0134_BehaveAsTheSpecSays(string abi)
    {
        await using var session = await Sessions.StartAsync(abi);
        foreach (byte pool in new byte[] { 0, 1, 3, 4 })
        {
            (await session.SendAsync(new KvpSetRequest(pool, "key", "first"))).Should().Be(KvpStatusReply.Ok);
            (await session.SendAsync(new KvpSetRequest(pool, "key", "second"))).Should().Be(KvpStatusReply.Ok);
            (await session.SendAsync(new KvpGetRequest(pool, "key"))).Should().Be(new KvpGetReply("second"), "pool {0}", pool);
            (await session.SendAsync(new KvpDeleteRequest(pool, "key"))).Should().Be(KvpStatusReply.Ok);
            (await session.SendAsync(new KvpGetRequest(pool, "key"))).Should().Be(KvpStatusReply.Continue);
            (await session.SendAsync(new KvpDeleteRequest(pool, "key"))).Should().Be(KvpStatusReply.Continue, "a missing key");
        }
    }

    [Theory]
    [InlineData("linux")]
    [InlineData("freebsd")]
    public async Task Enumerate_FullPool_ReturnsEveryItemInInsertionOrderThenContinue(string abi)
    {
        await using var session = await Sessions.StartAsync(abi);
        var keys = Enumerable.Range(0, 50).Select(i => $"item-{i:D2}").ToArray();
        foreach (var key in keys)
        {
            await session.SendAsync(new KvpSetRequest(0, key, "value of " + key));
        }

        await session.SendAsync(new KvpDeleteRequest(0, "item-10"));
        var enumeration = await session.Simulator.EnumerateWithStatusAsync(0, CancellationToken.None);

        enumeration.Items.Select(i => i.Key.ToString()).Should().Equal(keys.Where(k => k != "item-10"));
        enumeration.Items.Should().OnlyContain(i => i.Value.ToString() == "value of " + i.Key);
        enumeration.EndStatus.Should().Be(HvStatus.HV_S_CONT);
    }

    [Theory]
    [InlineData("linux")]
    [InlineData("freebsd")]
    public async Task PoolFile_AfterSetModifyDelete_HoldsExactlyTheSpecRecords(string abi)
    {
        await using var session = await Sessions.StartAsync(abi);

        await session.SendAsync(new KvpSetRequest(1, "a", "a value that is longer than its replacement"));
        await session.SendAsync(new KvpSetRequest(1, "b", "2"));
        await session.SendAsync(new KvpSetRequest(1, "c", "3"));
        await session.SendAsync(new KvpSetRequest(1, "a", "1"));
        await session.SendAsync(new KvpDeleteRequest(1, "b"));

        File.ReadAllBytes(session.PoolFile(1)).Should().Equal(PoolBytes.Records(("a", "1"), ("c", "3")));
    }

    [Theory]
    [InlineData("linux")]
    [InlineData("freebsd")]
    public async Task Enumerate_RecordAppendedUnderFlockByAnotherProcess_IsServed(string abi)
    {
        await using var session = await Sessions.StartAsync(abi);
        await session.SendAsync(new KvpSetRequest(1, "from-host", "x"));
        await session.SendAsync(new KvpEnumerateRequest(1, 0));

        // The way cloud-init appends its telemetry: one 2560-byte record under flock(LOCK_EX).
        PoolRecordAppender.Append(session.PoolFile(1), "CLOUD_INIT|1|diagnostic|test", "{\"msg\":\"hello\"}");

        (await session.SendAsync(new KvpEnumerateRequest(1, 1)))
            .Should().Be(new KvpEnumerateReply("CLOUD_INIT|1|diagnostic|test", "{\"msg\":\"hello\"}"));
    }

    [Theory]
    [InlineData("linux")]
    [InlineData("freebsd")]
    public async Task Restart_ExistingPoolFiles_AreServedAndNeverTruncated(string abi)
    {
        using var pools = new TempPoolDirectory();
        var records = PoolBytes.Records(("kept", "across restarts"), ("second", "record"));
        await File.WriteAllBytesAsync(Path.Combine(pools.Path, ".kvp_pool_0"), records);

        await using (var first = await Sessions.StartAsync(abi, poolDirectory: pools.Path))
        {
            (await first.SendAsync(new KvpGetRequest(0, "kept"))).Should().Be(new KvpGetReply("across restarts"));
        }

        await using var second = await Sessions.StartAsync(abi, poolDirectory: pools.Path);
        (await second.SendAsync(new KvpEnumerateRequest(0, 1))).Should().Be(new KvpEnumerateReply("second", "record"));
        File.ReadAllBytes(second.PoolFile(0)).Should().Equal(records);
        Enumerable.Range(0, 5).Should().OnlyContain(pool => File.Exists(second.PoolFile((byte)pool)));
    }
}
