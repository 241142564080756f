// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

using KvpDaemon.HostSimulator.Simulation;
using KvpDaemon.Protocol;
using KvpDaemon.Tests.HostSimulator.Infrastructure;

namespace KvpDaemon.Tests.HostSimulator;

/// <summary>The simulator against an in-test daemon over a real SOCK_SEQPACKET socket. Timeouts only guard failures.</summary>
public sealed class KvpHostSimulatorTests
{
    private static readonly TimeSpan Guard = TimeSpan.FromSeconds(30);

    public static TheoryData<string> Abis => new() { "linux", "freebsd" };

    [Fact]
    public async Task WaitForRegistration_Linux_RepliesWithKernelVersion()
    {
        using var path = new TempSocketPath();
        var pools = new InMemoryPools();
        await using var simulator = KvpHostSimulator.Listen(path.Path, KvpAbi.Linux);
        await using var daemon = FakeDaemon.Start(path.Path, KvpAbi.Linux, pools.Handle);

        await simulator.WaitForRegistrationAsync(Timeout());

        (await daemon.Registrations.ReadAsync(Timeout())).Should().Be("3.1");
        simulator.Registrations.Should().Be(1);
        simulator.IsConnected.Should().BeTrue();
        simulator.LastRegistrationTime.Should().NotBeNull();
        simulator.LastRegistrationTimestamp.Should().NotBe(0);
    }

    [Fact]
    public async Task WaitForRegistration_CustomKernelVersion_IsSent()
    {
        using var path = new TempSocketPath();
        await using var simulator = KvpHostSimulator.Listen(path.Path, KvpAbi.Linux, kernelVersion: "9.9");
        await using var daemon = FakeDaemon.Start(path.Path, KvpAbi.Linux, new InMemoryPools().Handle);

        await simulator.WaitForRegistrationAsync(Timeout());

        (await daemon.Registrations.ReadAsync(Timeout())).Should().Be("9.9");
    }

    [Fact]
    public async Task WaitForRegistration_FreeBsd_SendsNoReply()
    {
        using var path = new TempSocketPath();
        var pools = new InMemoryPools();
        await using var simulator = KvpHostSimulator.Listen(path.Path, KvpAbi.FreeBsd);
        await using var daemon = FakeDaemon.Start(path.Path, KvpAbi.FreeBsd, pools.Handle);

        await simulator.WaitForRegistrationAsync(Timeout());
        var reply = await simulator.SendAsync(new KvpEnumerateRequest(3, 7), Timeout());

        (await daemon.Registrations.ReadAsync(Timeout())).Should().BeNull();

        // Had the simulator sent a registration reply, the fake would have taken it for the first request.
        pools.Received.Should().ContainSingle().Which.Should().Be(new KvpEnumerateRequest(3, 7));
        reply.Should().Be(KvpStatusReply.Continue);
    }

    [Fact]
    public async Task WaitForRegistration_FirstDatagramIsNotRegistration_Throws()
    {
        using var path = new TempSocketPath();
        await using var simulator = KvpHostSimulator.Listen(path.Path, KvpAbi.Linux);
        await using var daemon = FakeDaemon.StartRaw(
            path.Path, KvpAbi.Linux, _ => Task.FromResult<byte[]?>(null), registrationOperation: (byte)KvpOperation.KVP_OP_GET);

        var act = () => simulator.WaitForRegistrationAsync(Timeout());

        (await act.Should().ThrowAsync<KvpSimulatorException>()).WithMessage("*registration*op 100*op 0*");
        simulator.IsConnected.Should().BeFalse();
    }

    [Theory]
    [MemberData(nameof(Abis))]
    public async Task SendAsync_SetGetEnumerateDelete_RoundTrip(string abiName)
    {
        if (!KvpAbi.TryParse(abiName, out var abi))
        {
            throw new Xunit.Sdk.XunitException($"No ABI is called {abiName}.");
        }

        using var path = new TempSocketPath();
        var pools = new InMemoryPools();
        await using var simulator = KvpHostSimulator.Listen(path.Path, abi);
        await using var daemon = FakeDaemon.Start(path.Path, abi, pools.Handle);
        await simulator.WaitForRegistrationAsync(Timeout());

        (await simulator.SendAsync(new KvpSetRequest(0, "key with spaces", "välue"), Timeout())).Should().Be(KvpStatusReply.Ok);
        (await simulator.SendAsync(new KvpGetRequest(0, "key with spaces"), Timeout()))
            .Should().Be(new KvpGetReply("välue"));
        (await simulator.SendAsync(new KvpEnumerateRequest(0, 0), Timeout()))
            .Should().Be(new KvpEnumerateReply("key with spaces", "välue"));
        (await simulator.SendAsync(new KvpDeleteRequest(0, "key with spaces"), Timeout())).Should().Be(KvpStatusReply.Ok);
        (await simulator.SendAsync(new KvpGetRequest(0, "key with spaces"), Timeout())).Should().Be(KvpStatusReply.Continue);
        var ip = await simulator.SendAsync(new KvpGetIpInfoRequest(0, "00:15:5D:0A:0B:0C", 3), Timeout());
        ip.Should().BeOfType<KvpIpInfoReply>().Which.AdapterId.Should().Be("00:15:5D:0A:0B:0C");
        (await simulator.SendAsync(new KvpUnknownRequest(0, 42), Timeout()))
            .Should().Be(new KvpStatusReply(HvStatus.HV_ERROR_NOT_SUPPORTED));
    }

    [Fact]
    public async Task EnumerateAllAsync_PoolWithItems_ReturnsThemInOrderAndEndStatus()
    {
        using var path = new TempSocketPath();
        var pools = new InMemoryPools();
        await using var simulator = KvpHostSimulator.Listen(path.Path, KvpAbi.Linux);
        await using var daemon = FakeDaemon.Start(path.Path, KvpAbi.Linux, pools.Handle);
        await simulator.WaitForRegistrationAsync(Timeout());
        foreach (var key in new[] { "a", "b", "c" })
        {
            await simulator.SendAsync(new KvpSetRequest(1, key, key + "-value"), Timeout());
        }

        var items = await simulator.EnumerateAllAsync(1, Timeout());
        var enumeration = await simulator.EnumerateWithStatusAsync(1, Timeout());
        var streamed = new List<KvpEnumerateReply>();
        await foreach (var item in simulator.EnumerateAsync(1, Timeout()))
        {
            streamed.Add(item);
        }

        items.Select(item => item.Key.ToString()).Should().Equal("a", "b", "c");
        items.Select(item => item.Value.ToString()).Should().Equal("a-value", "b-value", "c-value");
        enumeration.EndStatus.Should().Be(HvStatus.HV_S_CONT);
        enumeration.Items.Should().Equal(items);
        streamed.Should().Equal(items);
        (await simulator.EnumerateAllAsync(4, Timeout())).Should().BeEmpty();
    }

    [Fact]
    public async Task DisconnectAsync_DaemonReconnects_RegistrationsIncrements()
    {
        using var path = new TempSocketPath();
        var pools = new InMemoryPools();
        await using var simulator = KvpHostSimulator.Listen(path.Path, KvpAbi.Linux);
        await using var daemon = FakeDaemon.Start(path.Path, KvpAbi.Linux, pools.Handle);
        await simulator.WaitForRegistrationAsync(Timeout());
        await simulator.SendAsync(new KvpSetRequest(0, "k", "v"), Timeout());

        await simulator.DisconnectAsync();
        simulator.IsConnected.Should().BeFalse();
        await simulator.WaitForRegistrationAsync(Timeout());

        simulator.Registrations.Should().Be(2);
        (await daemon.Registrations.ReadAsync(Timeout())).Should().Be("3.1");
        (await daemon.Registrations.ReadAsync(Timeout())).Should().Be("3.1");
        (await simulator.SendAsync(new KvpGetRequest(0, "k"), Timeout())).Should().Be(new KvpGetReply("v"));
    }

    [Fact]
    public async Task SendAsync_ReplyOfWrongSize_ThrowsAndKeepsConnection()
    {
        using var path = new TempSocketPath();
        await using var simulator = KvpHostSimulator.Listen(path.Path, KvpAbi.Linux);
        await using var daemon = FakeDaemon.StartRaw(path.Path, KvpAbi.Linux, _ => Task.FromResult<byte[]?>(new byte[10]));
        await simulator.WaitForRegistrationAsync(Timeout());

        var act = () => simulator.SendAsync(new KvpGetRequest(0, "k"), Timeout());

        (await act.Should().ThrowAsync<KvpSimulatorException>()).WithMessage("*10 bytes*7432 bytes*");
        simulator.IsConnected.Should().BeTrue();
    }

    [Fact]
    public async Task SendAsync_DaemonClosesConnection_ThrowsAndDisconnects()
    {
        using var path = new TempSocketPath();
        await using var simulator = KvpHostSimulator.Listen(path.Path, KvpAbi.FreeBsd);
        await using var daemon = FakeDaemon.StartRaw(path.Path, KvpAbi.FreeBsd, _ => Task.FromResult<byte[]?>(null));
        await simulator.WaitForRegistrationAsync(Timeout());

        var act = () => simulator.SendAsync(new KvpGetRequest(0, "k"), Timeout());

        (await act.Should().ThrowAsync<KvpSimulatorException>()).WithMessage("*closed the connection*");
        simulator.IsConnected.Should().BeFalse();

        // The fake reconnects, as the daemon does after a reset.
        await simulator.WaitForRegistrationAsync(Timeout());
        simulator.Registrations.Should().Be(2);
    }

    [Fact]
    public async Task SendAsync_Cancelled_ClosesConnection()
    {
        using var path = new TempSocketPath();
        var never = new TaskCompletionSource<byte[]?>();
        await using var simulator = KvpHostSimulator.Listen(path.Path, KvpAbi.Linux);
        await using var daemon = FakeDaemon.StartRaw(path.Path, KvpAbi.Linux, _ => never.Task);
        await simulator.WaitForRegistrationAsync(Timeout());
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(50));

        var act = () => simulator.SendAsync(new KvpGetRequest(0, "k"), cancel.Token);

        await act.Should().ThrowAsync<OperationCanceledException>();
        simulator.IsConnected.Should().BeFalse();
    }

    [Fact]
    public async Task SendRawAsync_AnySize_ReturnsReplyDatagram()
    {
        using var path = new TempSocketPath();
        var received = new List<int>();
        await using var simulator = KvpHostSimulator.Listen(path.Path, KvpAbi.Linux);
        await using var daemon = FakeDaemon.StartRaw(path.Path, KvpAbi.Linux, datagram =>
        {
            received.Add(datagram.Length);
            return Task.FromResult<byte[]?>([.. datagram.Take(3), (byte)datagram.Length]);
        });
        await simulator.WaitForRegistrationAsync(Timeout());

        var reply = await simulator.SendRawAsync(new byte[] { 1, 2, 3, 4, 5 }, Timeout());
        var large = await simulator.SendRawAsync(new byte[8000], Timeout());

        reply.Should().Equal(1, 2, 3, 5);
        large.Should().Equal(0, 0, 0, unchecked((byte)8000));
        received.Should().Equal(5, 8000);
    }

    [Fact]
    public async Task SendAsync_NoDaemonConnected_ThrowsInvalidOperation()
    {
        using var path = new TempSocketPath();
        await using var simulator = KvpHostSimulator.Listen(path.Path, KvpAbi.Linux);

        var act = () => simulator.SendAsync(new KvpGetRequest(0, "k"), Timeout());

        (await act.Should().ThrowAsync<InvalidOperationException>()).WithMessage("*WaitForRegistrationAsync*");
    }

    [Fact]
    public async Task Listen_StaleSocketFile_IsReplacedAndDeletedOnDispose()
    {
        using var path = new TempSocketPath();
        await File.WriteAllTextAsync(path.Path, "stale");

        await using (var simulator = KvpHostSimulator.Listen(path.Path, KvpAbi.Linux))
        {
            simulator.SocketPath.Should().Be(path.Path);
            File.Exists(path.Path).Should().BeTrue();
        }

        File.Exists(path.Path).Should().BeFalse();
    }

    private static CancellationToken Timeout() => new CancellationTokenSource(Guard).Token;
}
