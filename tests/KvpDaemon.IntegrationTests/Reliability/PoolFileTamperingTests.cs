// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

using System.Text;
using System.Text.Unicode;
using KvpDaemon.IntegrationTests.Infrastructure;
using KvpDaemon.Platform;
using KvpDaemon.Protocol;
using Xunit.Abstractions;

namespace KvpDaemon.IntegrationTests.Reliability;

/// <summary>
/// Pool files deleted, truncated, replaced or filled with garbage while the daemon runs, beyond the single events of
/// <see cref="RobustnessTests"/>: what the next writes do to the file, and deletions racing a SET storm.
/// </summary>
public sealed class PoolFileTamperingTests(ITestOutputHelper output)
{
    [Fact]
    public async Task TruncatedMidRecord_NextSetOverwritesThePartialRecord()
    {
        await using var session = await FaultSessions.StartQuietAsync("linux");
        await session.SendAsync(new KvpSetRequest(1, "a", "1"));
        await session.SendAsync(new KvpSetRequest(1, "b", "2"));
        TruncateTo(session.PoolFile(1), 2560 + 1000);

        (await session.SendAsync(new KvpSetRequest(1, "c", "3"))).Should().Be(KvpStatusReply.Ok);

        var image = PoolImage.Read(session.PoolFile(1));
        image.Defects.Should().BeEmpty();
        image.Records.Should().Equal([("a", "1"), ("c", "3")]);
    }

    [Fact]
    public async Task TruncatedMidRecord_DeleteLeavesWholeRecords()
    {
        await using var session = await FaultSessions.StartQuietAsync("linux");
        await session.SendAsync(new KvpSetRequest(1, "a", "1"));
        await session.SendAsync(new KvpSetRequest(1, "b", "2"));
        await session.SendAsync(new KvpSetRequest(1, "c", "3"));
        TruncateTo(session.PoolFile(1), (2 * 2560) + 7);

        (await session.SendAsync(new KvpDeleteRequest(1, "a"))).Should().Be(KvpStatusReply.Ok);
        (await session.SendAsync(new KvpDeleteRequest(1, "c"))).Should().Be(KvpStatusReply.Continue);

        var image = PoolImage.Read(session.PoolFile(1));
        image.Defects.Should().BeEmpty();
        image.Records.Should().Equal([("b", "2")]);
    }

    [Fact]
    public async Task ReplacedByRename_DaemonServesAndWritesTheNewFile()
    {
        await using var session = await FaultSessions.StartQuietAsync("linux");
        await session.SendAsync(new KvpSetRequest(0, "old", "inode"));
        var replacement = session.PoolFile(0) + ".new";
        await File.WriteAllBytesAsync(replacement, PoolBytes.Records(("new", "inode")));

        // A plain open(2): a FileStream would hold a shared flock on the old inode that blocks the daemon's writers.
        using var oldInode = KvpDialect.ForCurrentOperatingSystem().OpenReadOnly(session.PoolFile(0));
        File.Move(replacement, session.PoolFile(0), overwrite: true);

        (await session.SendAsync(new KvpGetRequest(0, "old"))).Should().Be(KvpStatusReply.Continue);
        (await session.SendAsync(new KvpSetRequest(0, "added", "after rename"))).Should().Be(KvpStatusReply.Ok);

        PoolImage.Read(session.PoolFile(0)).Records.Should().Equal([("new", "inode"), ("added", "after rename")]);
        RandomAccess.GetLength(oldInode).Should().Be(2560, "the replaced inode is not written any more");
    }

    [Theory]
    [InlineData("linux")]
    [InlineData("freebsd")]
    public async Task GarbageWithoutTerminators_IsServedAsTerminatedWellFormedUtf8(string abi)
    {
        await using var session = await FaultSessions.StartQuietAsync(abi);
        var garbage = new byte[2 * 2560];
        new Random(6_201).NextBytes(garbage);
        garbage.AsSpan().Replace((byte)0, (byte)0xFF);
        await File.WriteAllBytesAsync(session.PoolFile(4), garbage);

        for (uint index = 0; index < 2; index++)
        {
            var request = new byte[session.Simulator.Abi.MessageSize];
            KvpCodec.EncodeRequest(session.Simulator.Abi, new KvpEnumerateRequest(4, index), request);
            using var guard = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            var reply = await session.Simulator.SendRawAsync(request, guard.Token);

            reply.Should().HaveCount(session.Simulator.Abi.MessageSize);
            reply.AsSpan(0, 4).ToArray().Should().Equal(0, 0, 0, 0);
            IsTerminatedUtf8(reply.AsSpan(20, 512)).Should().BeTrue("the key field is NUL-terminated, well-formed UTF-8");
            IsTerminatedUtf8(reply.AsSpan(532, 2048)).Should().BeTrue("the value field is NUL-terminated, well-formed UTF-8");
        }

        (await session.SendAsync(new KvpEnumerateRequest(4, 2))).Should().Be(KvpStatusReply.Continue);
        File.ReadAllBytes(session.PoolFile(4)).Should().Equal(garbage, "reading never rewrites another writer's records");
    }

    [Fact]
    public async Task DeletedOverAndOverDuringASetStorm_EveryReplyIsDefinedAndTheFileWellFormed()
    {
        await using var session = await FaultSessions.StartQuietAsync("linux");
        var path = session.PoolFile(1);
        var written = new Dictionary<string, string>(StringComparer.Ordinal);
        var replies = new Dictionary<HvStatus, int>();
        using var stop = new CancellationTokenSource();
        var deletions = 0;
        var deleter = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                File.Delete(path);
                deletions++;
                await Task.Delay(5);
            }
        });

        var lastOk = new List<string>();
        try
        {
            for (var i = 0; i < 500; i++)
            {
                var key = $"race-{i:D3}";
                written[key] = $"value {i}";
                var reply = await session.SendAsync(new KvpSetRequest(1, key, written[key]));
                replies[reply.Status] = replies.GetValueOrDefault(reply.Status) + 1;
                reply.Status.Should().BeOneOf(HvStatus.HV_S_OK, HvStatus.HV_E_FAIL);
            }
        }
        finally
        {
            await stop.CancelAsync();
            await deleter;
        }

        // After the last deletion every SET lands in the file that stays.
        for (var i = 0; i < 20; i++)
        {
            var key = $"after-{i:D2}";
            written[key] = $"value {i}";
            (await session.SendAsync(new KvpSetRequest(1, key, written[key]))).Should().Be(KvpStatusReply.Ok);
            lastOk.Add(key);
        }

        output.WriteLine($"{deletions} deletions; replies: {string.Join(", ", replies.Select(pair => $"{pair.Key} x{pair.Value}"))}");
        session.Daemon.HasExited.Should().BeFalse();
        var image = PoolImage.Read(path);
        image.Defects.Should().BeEmpty();
        image.DuplicateKeys().Should().BeEmpty();
        image.Records.Should().OnlyContain(record => written.ContainsKey(record.Key) && written[record.Key] == record.Value);
        image.Records.Select(record => record.Key).Should().Contain(lastOk);
    }

    private static void TruncateTo(string path, long length)
    {
        using var file = new FileStream(path, FileMode.Open, FileAccess.Write, FileShare.ReadWrite);
        file.SetLength(length);
    }

    private static bool IsTerminatedUtf8(ReadOnlySpan<byte> field)
    {
        var end = field.IndexOf((byte)0);
        return end >= 0 && Utf8.IsValid(field[..end]) && Encoding.UTF8.GetString(field[..end]).Length > 0;
    }
}
