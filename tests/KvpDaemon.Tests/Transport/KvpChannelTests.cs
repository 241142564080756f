// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

using KvpDaemon.Protocol;
using KvpDaemon.Tests.Infrastructure;
using KvpDaemon.Transport;
using Microsoft.Extensions.Logging.Abstractions;
using static KvpDaemon.Tests.Infrastructure.Golden;

namespace KvpDaemon.Tests.Transport;

public sealed class KvpChannelTests : IDisposable
{
    private readonly FakeTransport _transport = new();
    private readonly CancellationTokenSource _stop = new(TimeSpan.FromSeconds(60));

    public void Dispose()
    {
        _stop.Cancel();
        _stop.Dispose();
    }

    [Fact]
    public async Task ConnectAsync_Linux_SendsRegister1AndReadsTheKernelVersion()
    {
        using var channel = Channel(KvpAbi.Linux);
        string? registeredVersion = null;
        channel.Registered += (_, registration) => registeredVersion = registration.Version;

        var connect = channel.ConnectAsync(_stop.Token);
        (await _transport.ReceiveAsync()).Should().Equal(Message(KvpAbi.Linux, (0, "64")));
        _transport.Send(Message(KvpAbi.Linux, (0, "64"), (4, Z("3.1"))));
        await connect;

        registeredVersion.Should().Be("3.1");
        channel.Registrations.Should().Be(1);
    }

    [Fact]
    public async Task ConnectAsync_FreeBsd_SendsRegisterAndExpectsNoReply()
    {
        using var channel = Channel(KvpAbi.FreeBsd);
        string? registeredVersion = "not called";
        channel.Registered += (_, registration) => registeredVersion = registration.Version;

        await channel.ConnectAsync(_stop.Token);

        (await _transport.ReceiveAsync()).Should().Equal(Message(KvpAbi.FreeBsd, (0, "04")));
        registeredVersion.Should().BeNull();
    }

    [Fact]
    public async Task ConnectAsync_OpenFails_RetriesUntilItSucceeds()
    {
        using var channel = Channel(KvpAbi.FreeBsd);
        _transport.FailOpens(3);

        await channel.ConnectAsync(_stop.Token);

        _transport.Opens.Should().Be(4);
        channel.Registrations.Should().Be(1);
    }

    [Fact]
    public async Task ConnectAsync_LinuxReplyIsNotTheRegistrationReply_StartsOver()
    {
        using var channel = Channel(KvpAbi.Linux);
        var connect = channel.ConnectAsync(_stop.Token);
        await _transport.ReceiveAsync();
        _transport.Send(Message(KvpAbi.Linux, (0, "03 00")));

        await _transport.ReceiveAsync(); // registers again on a reopened transport
        _transport.Send(Message(KvpAbi.Linux, (0, "64"), (4, Z("3.1"))));
        await connect;

        _transport.Opens.Should().Be(2);
    }

    [Fact]
    public async Task RunAsync_Request_GetsExactlyOneReply()
    {
        using var channel = Channel(KvpAbi.FreeBsd);
        await channel.ConnectAsync(_stop.Token);
        await _transport.ReceiveAsync();
        var run = channel.RunAsync(new AnsweringHandler(() => new KvpGetReply("v")), _stop.Token);

        _transport.Send(Message(KvpAbi.FreeBsd, (0, "00 00"), (16, Z("k"))));

        (await _transport.ReceiveAsync()).Should().Equal(Message(KvpAbi.FreeBsd, (528, Z("v"))));
        run.IsCompleted.Should().BeFalse();
    }

    [Fact]
    public async Task RunAsync_PoolRequestsAreServedInPlace_OthersAsObjects()
    {
        using var channel = Channel(KvpAbi.FreeBsd);
        await channel.ConnectAsync(_stop.Token);
        await _transport.ReceiveAsync();
        var handler = new AnsweringHandler(() => KvpStatusReply.Ok);
        _ = channel.RunAsync(handler, _stop.Token);

        foreach (var operation in new[] { "00", "01", "02", "03", "04", "07" })
        {
            _transport.Send(Message(KvpAbi.FreeBsd, (0, operation + " 00")));
            await _transport.ReceiveAsync();
        }

        handler.ServedInPlace.Should().Equal(
            KvpOperation.KVP_OP_GET, KvpOperation.KVP_OP_SET, KvpOperation.KVP_OP_DELETE, KvpOperation.KVP_OP_ENUMERATE);
        handler.HandledAsObjects.Select(r => r.GetType().Name).Should().Equal(nameof(KvpGetIpInfoRequest), nameof(KvpUnknownRequest));
    }

    [Theory]
    [InlineData("linux", 7432)]
    [InlineData("freebsd", 7430)] // the FreeBSD driver transfers min(count, 7431) bytes: a larger read would get 7431
    public async Task RunAsync_Reads_AskForExactlyOneMessage(string abi, int size)
    {
        using var channel = Channel(Abi(abi));
        var connect = channel.ConnectAsync(_stop.Token);
        await _transport.ReceiveAsync();
        if (Abi(abi).ExpectsRegistrationReply)
        {
            _transport.Send(Message(Abi(abi), (0, "64")));
        }

        await connect;
        _ = channel.RunAsync(new AnsweringHandler(() => KvpStatusReply.Ok), _stop.Token);
        _transport.Send(Message(Abi(abi), (0, "01 00")));
        await _transport.ReceiveAsync();

        _transport.LastReadBufferLength.Should().Be(size);
    }

    [Theory]
    [InlineData(100)]
    [InlineData(7431)]
    [InlineData(7433)]
    public async Task RunAsync_WrongSizedMessage_IsAnsweredFailAndServingContinues(int size)
    {
        using var channel = Channel(KvpAbi.Linux);
        var connect = channel.ConnectAsync(_stop.Token);
        await _transport.ReceiveAsync();
        _transport.Send(Message(KvpAbi.Linux, (0, "64")));
        await connect;
        _ = channel.RunAsync(new AnsweringHandler(() => KvpStatusReply.Ok), _stop.Token);

        _transport.Send(new byte[size]);
        (await _transport.ReceiveAsync()).Should().Equal(Message(KvpAbi.Linux, (0, "05 40 00 80")));

        _transport.Send(Message(KvpAbi.Linux, (0, "01 00")));
        (await _transport.ReceiveAsync()).Should().Equal(Message(KvpAbi.Linux));
    }

    [Fact]
    public async Task RunAsync_HandlerThrows_AnswersFailAndKeepsServing()
    {
        using var channel = Channel(KvpAbi.FreeBsd);
        await channel.ConnectAsync(_stop.Token);
        await _transport.ReceiveAsync();
        var calls = 0;
        _ = channel.RunAsync(
            new AnsweringHandler(() => ++calls == 1 ? throw new InvalidOperationException("bug") : KvpStatusReply.Ok),
            _stop.Token);

        _transport.Send(Message(KvpAbi.FreeBsd, (0, "01 00")));
        (await _transport.ReceiveAsync()).Should().Equal(Message(KvpAbi.FreeBsd, (0, "05 40 00 80")));
        _transport.Send(Message(KvpAbi.FreeBsd, (0, "01 00")));
        (await _transport.ReceiveAsync()).Should().Equal(Message(KvpAbi.FreeBsd));
    }

    [Fact]
    public async Task RunAsync_TransportBreaks_ReopensAndRegistersAgain()
    {
        using var channel = Channel(KvpAbi.FreeBsd);
        await channel.ConnectAsync(_stop.Token);
        await _transport.ReceiveAsync();
        var registeredAgain = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        channel.Registered += (_, _) => registeredAgain.TrySetResult();
        _ = channel.RunAsync(new AnsweringHandler(() => KvpStatusReply.Ok), _stop.Token);

        _transport.Break();

        (await _transport.ReceiveAsync()).Should().Equal(Message(KvpAbi.FreeBsd, (0, "04")));
        await registeredAgain.Task.WaitAsync(_stop.Token);
        _transport.Opens.Should().Be(2);
        channel.Registrations.Should().Be(2);
    }

    [Fact]
    public async Task RunAsync_Cancelled_Ends()
    {
        using var channel = Channel(KvpAbi.FreeBsd);
        await channel.ConnectAsync(_stop.Token);
        using var stop = new CancellationTokenSource();
        var run = channel.RunAsync(new AnsweringHandler(() => KvpStatusReply.Ok), stop.Token);

        await stop.CancelAsync();

        await run.Invoking(r => r).Should().ThrowAsync<OperationCanceledException>();
    }

    private KvpChannel Channel(KvpAbi abi) => new(_transport, abi, NullLogger.Instance, TimeProvider.System);
}
