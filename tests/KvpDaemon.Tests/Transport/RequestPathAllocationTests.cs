// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

using KvpDaemon.Dispatch;
using KvpDaemon.Intrinsic;
using KvpDaemon.IpConfig;
using KvpDaemon.Network;
using KvpDaemon.Platform;
using KvpDaemon.Pools;
using KvpDaemon.Protocol;
using KvpDaemon.Tests.Infrastructure;
using KvpDaemon.Tests.Intrinsic.Fakes;
using KvpDaemon.Transport;
using Microsoft.Extensions.Logging.Abstractions;

namespace KvpDaemon.Tests.Transport;

/// <summary>
/// The allocation budget of the steady-state request path (docs/performance.md, "Memory: a request path without
/// garbage"): kernel message in, pool
/// operation, reply out, through the real <see cref="KvpChannel"/>, <see cref="KvpDispatcher"/> and pool files in a
/// temporary directory. Garbage per request is what marched through fresh GC regions and set the daemon's peak RSS, so
/// each operation may allocate at most <see cref="BudgetBytes"/> bytes a request on average; only a SET of a new key
/// keeps what it stores. Measured as the difference between 1,000 and 3,000 requests on the loop's thread (everything
/// on the path completes synchronously, which the test checks), so one-time costs cancel out. Not a timing test.
/// </summary>
[Collection(AllocationMeasuringCollection.Name)]
public sealed class RequestPathAllocationTests : IDisposable
{
    /// <summary>Bytes a request may allocate on average, beyond what a SET of a new key stores.</summary>
    private const int BudgetBytes = 8;

    /// <summary>What a SET of a new key keeps: the key's bytes in an array (header, length, 4 bytes, padding).</summary>
    private const int StoredKeyBytes = 32;

    private const int Records = 100;

    private static readonly KvpAbi Abi = KvpAbi.Linux;

    private readonly TempDirectory _directory = new();
    private readonly KvpPoolStore _store;
    private readonly KvpDispatcher _dispatcher;

    public RequestPathAllocationTests()
    {
        _store = new KvpPoolStore(_directory.Path, KvpDialect.ForCurrentOperatingSystem(), NullLogger.Instance);
        _store.Open();
        for (var i = 0; i < Records; i++)
        {
            _store[0].Set(Key(i), Value(i));
            _store[1].Set(Key(i), Value(i));
        }

        var intrinsic = new IntrinsicItems(
            Abi,
            Task.FromResult(new OsInfo("6.1.0-28-amd64", "Debian GNU/Linux", "12", "8", "12 (bookworm)", "x86_64")),
            new FakeFqdnSource(),
            new FakeAddressListSource());
        _dispatcher = new KvpDispatcher(_store, intrinsic, new NoIpInfo(), new NoSetIpInfo(), NullLogger<KvpDispatcher>.Instance);
    }

    public void Dispose()
    {
        _store.Dispose();
        _directory.Dispose();
    }

    [Fact]
    public void Get_ExistingKey_StaysWithinTheBudget() =>
        AssertWithinBudget(
            [Message(new KvpGetRequest(0, Key(7))), Message(new KvpGetRequest(0, Key(93)))],
            [HvStatus.HV_S_OK]);

    [Fact]
    public void Set_ExistingKey_StaysWithinTheBudget() =>
        AssertWithinBudget(
            [Message(new KvpSetRequest(0, Key(7), Value(1000))), Message(new KvpSetRequest(0, Key(93), Value(1001)))],
            [HvStatus.HV_S_OK]);

    [Fact]
    public void DeleteThenSet_StaysWithinTheBudgetPlusTheStoredKey() =>
        AssertWithinBudget(
            [Message(new KvpDeleteRequest(0, Key(50))), Message(new KvpSetRequest(0, Key(50), Value(50)))],
            [HvStatus.HV_S_OK],
            keptPerRequest: StoredKeyBytes / 2);

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    public void Enumerate_StoredPool_StaysWithinTheBudget(byte pool) =>
        AssertWithinBudget(
            [Message(new KvpEnumerateRequest(pool, 0)), Message(new KvpEnumerateRequest(pool, 42)), Message(new KvpEnumerateRequest(pool, Records - 1))],
            [HvStatus.HV_S_OK]);

    [Fact]
    public void Enumerate_IntrinsicPool_StaysWithinTheBudget() =>
        AssertWithinBudget(
            [.. Enumerable.Range(0, 11).Select(i => Message(new KvpEnumerateRequest(2, (uint)i)))],
            [.. Enumerable.Repeat(HvStatus.HV_S_OK, 10), HvStatus.HV_S_CONT]);

    [Fact]
    public void Get_MissingKey_StaysWithinTheBudget() =>
        AssertWithinBudget([Message(new KvpGetRequest(0, "no-such-key"))], [HvStatus.HV_S_CONT]);

    private static KvpText Key(int i) => $"key{i:D4}";

    private static KvpText Value(int i) => new string((char)('a' + (i % 26)), 100);

    private static byte[] Message(KvpRequest request)
    {
        var message = new byte[Abi.MessageSize];
        KvpCodec.EncodeRequest(Abi, request, message);
        return message;
    }

    private void AssertWithinBudget(byte[][] messages, HvStatus[] expected, int keptPerRequest = 0)
    {
        var transport = new ReplayTransport(messages, expected);
        using var channel = new KvpChannel(transport, Abi, NullLogger.Instance, TimeProvider.System);

        // Warm-up: the first reload of each pool file, the runtime's first calls, the array pool's first rent.
        Serve(channel, transport, 300);
        var fewer = Serve(channel, transport, 1000);
        var more = Serve(channel, transport, 3000);
        var perRequest = (more - fewer) / 2000.0;

        perRequest.Should().BeLessThanOrEqualTo(
            BudgetBytes + keptPerRequest,
            $"the request path may allocate at most {BudgetBytes} bytes a request (+{keptPerRequest} kept by a new key); it allocated {perRequest:0.#}");
    }

    /// <summary>Serves <paramref name="count"/> requests; the bytes the loop's thread allocated meanwhile.</summary>
    private long Serve(KvpChannel channel, ReplayTransport transport, int count)
    {
        transport.Reset(count);
        var before = GC.GetAllocatedBytesForCurrentThread();
        var run = channel.RunAsync(_dispatcher, CancellationToken.None);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        run.IsCompleted.Should().BeTrue("every step of the request path completes synchronously, on this thread");
        run.IsCanceled.Should().BeTrue("the transport ends the loop as a stop does");
        transport.Replies.Should().Be(count);
        transport.WrongReplies.Should().Be(0);
        return allocated;
    }

    private sealed class NoIpInfo : IIpInfoProvider
    {
        public ValueTask<KvpReply> GetIpInfoAsync(KvpGetIpInfoRequest request, CancellationToken cancellationToken) =>
            throw new InvalidOperationException("not part of this test");
    }

    private sealed class NoSetIpInfo : ISetIpInfoHandler
    {
        public ValueTask<KvpReply> ApplyAsync(KvpSetIpInfoRequest request, CancellationToken cancellationToken) =>
            throw new InvalidOperationException("not part of this test");
    }
}
