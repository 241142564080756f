// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

using KvpDaemon.IntegrationTests.Infrastructure;
using KvpDaemon.Protocol;
using Xunit.Abstractions;

namespace KvpDaemon.IntegrationTests.Reliability;

/// <summary>
/// The pool directory on a 64 KiB tmpfs that fills up: the host gets HV_E_FAIL, the records already stored stay
/// intact, and the daemon keeps serving; a DELETE frees space and SET works again (docs/reliability.md).
/// </summary>
public sealed class DiskFullTests(ITestOutputHelper output)
{
    [TmpfsFact]
    public async Task PoolDirectoryFull_SetFailsRecordsStayAndDeleteMakesRoom()
    {
        var directory = Directory.CreateTempSubdirectory("kvpd-full-").FullName;
        var failure = TmpfsFactAttribute.Mount(directory, "64k");
        failure.Should().BeNull();
        try
        {
            await RunAsync(directory);
        }
        finally
        {
            TmpfsFactAttribute.Unmount(directory);
            Directory.Delete(directory, recursive: true);
        }
    }

    private async Task RunAsync(string poolDirectory)
    {
        await using var session = await FaultSessions.StartQuietAsync("linux", poolDirectory);
        var stored = new List<(string Key, string Value)>();
        KvpReply? refused = null;
        for (var i = 0; i < 100 && refused is null; i++)
        {
            var record = ($"fill-{i:D3}", $"value {i} " + new string('x', 1000 + i));
            var reply = await session.SendAsync(new KvpSetRequest(1, record.Item1, record.Item2));
            if (reply == KvpStatusReply.Ok)
            {
                stored.Add(record);
            }
            else
            {
                refused = reply;
            }
        }

        output.WriteLine($"{stored.Count} records fitted on the 64 KiB tmpfs; then {refused}");
        refused.Should().Be(KvpStatusReply.Fail, "a full disk is an I/O error, answered HV_E_FAIL");
        stored.Should().NotBeEmpty();

        // The stored records are intact on disk and served; a failed append leaves at most a partial record after them.
        var full = PoolImage.Read(session.PoolFile(1));
        full.Records.Should().Equal(stored);
        output.WriteLine($"file after the refused SET: {full.Length} bytes ({string.Join("; ", full.Defects)})");
        (await session.SendAsync(new KvpGetRequest(1, stored[0].Key))).Should().Be(new KvpGetReply(stored[0].Value));
        (await session.SendAsync(new KvpEnumerateRequest(1, (uint)stored.Count - 1))).Should()
            .Be(new KvpEnumerateReply(stored[^1].Key, stored[^1].Value));
        (await session.SendAsync(new KvpEnumerateRequest(1, (uint)stored.Count))).Should().Be(KvpStatusReply.Continue);

        // Modifying in place needs no new blocks.
        (await session.SendAsync(new KvpSetRequest(1, stored[1].Key, "modified while full"))).Should().Be(KvpStatusReply.Ok);
        stored[1] = (stored[1].Key, "modified while full");

        // DELETE frees a record's space (and truncates the partial one); a new SET fits again.
        (await session.SendAsync(new KvpDeleteRequest(1, stored[0].Key))).Should().Be(KvpStatusReply.Ok);
        stored.RemoveAt(0);
        (await session.SendAsync(new KvpSetRequest(1, "after-delete", "fits again"))).Should().Be(KvpStatusReply.Ok);
        stored.Add(("after-delete", "fits again"));

        session.Daemon.HasExited.Should().BeFalse();
        var after = PoolImage.Read(session.PoolFile(1));
        after.Defects.Should().BeEmpty();
        after.Records.Should().Equal(stored);
    }
}
