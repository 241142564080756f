// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

using System.Buffers.Binary;
using KvpDaemon.IntegrationTests.Infrastructure;
using KvpDaemon.Protocol;

namespace KvpDaemon.IntegrationTests.Reliability;

/// <summary>
/// Messages of the wrong size through the real daemon (the kernels never send them; a broken peer might): each is
/// answered HV_E_FAIL with a message of the ABI's size, on the same connection, and the daemon keeps serving.
/// </summary>
public sealed class WrongMessageSizeTests
{
    [Theory]
    [InlineData("linux")]
    [InlineData("freebsd")]
    public async Task WrongSizes_AreAnsweredFailAndTheDaemonServesOn(string abi)
    {
        await using var session = await FaultSessions.StartQuietAsync(abi);
        var size = session.Simulator.Abi.MessageSize;
        var sizes = new[] { 0, 1, 7431, 7433, 10_000 }.Where(length => length != size).Append(size - 1).Append(size + 1).Distinct();

        foreach (var length in sizes)
        {
            var datagram = new byte[length];
            if (length > 0)
            {
                // A SET to pool 1 in what would be its place: nothing of it may be stored.
                datagram[0] = 1;
            }

            if (length > 1)
            {
                datagram[1] = 1;
            }

            using var guard = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            var reply = await session.Simulator.SendRawAsync(datagram, guard.Token);

            reply.Should().HaveCount(size, $"the reply to {length} bytes");
            ((HvStatus)BinaryPrimitives.ReadUInt32LittleEndian(reply)).Should().Be(HvStatus.HV_E_FAIL, $"the reply to {length} bytes");
            reply.AsSpan(4).IndexOfAnyExcept((byte)0).Should().Be(-1);
        }

        (await session.SendAsync(new KvpSetRequest(1, "after", "wrong sizes"))).Should().Be(KvpStatusReply.Ok);
        session.Simulator.Registrations.Should().Be(1, "no wrong size made the daemon reset the connection");
        session.Daemon.HasExited.Should().BeFalse();
        PoolImage.Read(session.PoolFile(1)).Records.Should().Equal([("after", "wrong sizes")]);
    }
}
