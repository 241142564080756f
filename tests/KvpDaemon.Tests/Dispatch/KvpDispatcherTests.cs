// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

using KvpDaemon.Dispatch;
using KvpDaemon.IpConfig;
using KvpDaemon.Network;
using KvpDaemon.Platform;
using KvpDaemon.Pools;
using KvpDaemon.Protocol;
using KvpDaemon.Tests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;

namespace KvpDaemon.Tests.Dispatch;

/// <summary>Statuses as docs/protocol.md section 4 recommends, on a real pool store in a temporary directory.</summary>
public sealed class KvpDispatcherTests : IDisposable
{
    private readonly TempDirectory _directory = new();
    private readonly KvpPoolStore _store;
    private readonly KvpDispatcher _dispatcher;

    public KvpDispatcherTests()
    {
        _store = new KvpPoolStore(_directory.Path, KvpDialect.ForCurrentOperatingSystem(), NullLogger.Instance);
        _store.Open();
        _dispatcher = new KvpDispatcher(_store, new FakeIntrinsicItems(), new FakeIpInfo(), new FakeSetIpInfo(), NullLogger<KvpDispatcher>.Instance);
    }

    public void Dispose()
    {
        _store.Dispose();
        _directory.Dispose();
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(4)]
    public async Task SetGetDelete_StoredPools_RoundTrip(byte pool)
    {
        (await Dispatch(new KvpSetRequest(pool, "k", "v1"))).Should().Be(KvpStatusReply.Ok);
        (await Dispatch(new KvpSetRequest(pool, "k", "v2"))).Should().Be(KvpStatusReply.Ok);
        (await Dispatch(new KvpGetRequest(pool, "k"))).Should().Be(new KvpGetReply("v2"));
        (await Dispatch(new KvpEnumerateRequest(pool, 0))).Should().Be(new KvpEnumerateReply("k", "v2"));
        (await Dispatch(new KvpEnumerateRequest(pool, 1))).Should().Be(KvpStatusReply.Continue);
        (await Dispatch(new KvpDeleteRequest(pool, "k"))).Should().Be(KvpStatusReply.Ok);
        (await Dispatch(new KvpGetRequest(pool, "k"))).Should().Be(KvpStatusReply.Continue);
    }

    [Fact]
    public async Task Delete_MissingKey_AnswersContinue() =>
        (await Dispatch(new KvpDeleteRequest(0, "missing"))).Should().Be(KvpStatusReply.Continue);

    [Theory]
    [InlineData(5)]
    [InlineData(99)]
    [InlineData(255)]
    public async Task AnyOperation_PoolOutOfRange_AnswersContinueAndWritesNothing(byte pool)
    {
        (await Dispatch(new KvpSetRequest(pool, "k", "v"))).Should().Be(KvpStatusReply.Continue);
        (await Dispatch(new KvpGetRequest(pool, "k"))).Should().Be(KvpStatusReply.Continue);
        (await Dispatch(new KvpDeleteRequest(pool, "k"))).Should().Be(KvpStatusReply.Continue);
        (await Dispatch(new KvpEnumerateRequest(pool, 0))).Should().Be(KvpStatusReply.Continue);
        Directory.GetFiles(_directory.Path).Select(f => new FileInfo(f).Length).Should().AllBeEquivalentTo(0L);
    }

    [Fact]
    public async Task SetAndDelete_Pool2_AreRefusedAndTheFileStaysEmpty()
    {
        (await Dispatch(new KvpSetRequest(2, "FullyQualifiedDomainName", "spoofed"))).Should().Be(KvpStatusReply.Continue);
        (await Dispatch(new KvpDeleteRequest(2, "OSName"))).Should().Be(KvpStatusReply.Continue);
        new FileInfo(_directory.Combine(".kvp_pool_2")).Length.Should().Be(0);
    }

    [Fact]
    public async Task EnumerateAndGet_Pool2_AreAnsweredByTheIntrinsicItems()
    {
        (await Dispatch(new KvpEnumerateRequest(2, 0))).Should().Be(new KvpEnumerateReply("FullyQualifiedDomainName", "guest.example"));
        (await Dispatch(new KvpGetRequest(2, "FullyQualifiedDomainName"))).Should().Be(new KvpGetReply("guest.example"));
    }

    [Fact]
    public async Task Set_EmptyKey_AnswersContinue() =>
        (await Dispatch(new KvpSetRequest(0, KvpText.Empty, "v"))).Should().Be(KvpStatusReply.Continue);

    [Theory]
    [InlineData(6)]
    [InlineData(99)]
    [InlineData(100)]
    public async Task UnknownOperation_AnswersNotSupported(byte operation) =>
        (await Dispatch(new KvpUnknownRequest(0, operation))).Status.Should().Be(HvStatus.HV_ERROR_NOT_SUPPORTED);

    [Fact]
    public async Task Set_PoolDirectoryRemoved_AnswersFailAndRecoversWhenItIsBack()
    {
        Directory.Delete(_directory.Path, recursive: true);

        (await Dispatch(new KvpSetRequest(1, "k", "v"))).Should().Be(KvpStatusReply.Fail);

        Directory.CreateDirectory(_directory.Path);
        (await Dispatch(new KvpSetRequest(1, "k", "v"))).Should().Be(KvpStatusReply.Ok);
        (await Dispatch(new KvpGetRequest(1, "k"))).Should().Be(new KvpGetReply("v"));
    }

    [Fact]
    public async Task IpInfoOperations_AreHandedToTheirHandlers()
    {
        (await Dispatch(new KvpGetIpInfoRequest(0, "00:15:5D:00:00:01", 0))).Should().BeOfType<KvpIpInfoReply>();
        (await Dispatch(new KvpSetIpInfoRequest(0, "{g}", 1, false, "", "", "", ""))).Status.Should().Be(HvStatus.HV_GUID_NOTFOUND);
    }

    private ValueTask<KvpReply> Dispatch(KvpRequest request) => _dispatcher.HandleAsync(request, CancellationToken.None);

    private sealed class FakeIntrinsicItems : IIntrinsicItems
    {
        public KvpReply Enumerate(uint index) =>
            index == 0 ? new KvpEnumerateReply("FullyQualifiedDomainName", "guest.example") : KvpStatusReply.Continue;

        public KvpReply Get(ReadOnlySpan<byte> key) =>
            key.SequenceEqual("FullyQualifiedDomainName"u8) ? new KvpGetReply("guest.example") : KvpStatusReply.Continue;

        public void SetIntegrationServicesVersion(string version)
        {
        }
    }

    private sealed class FakeIpInfo : IIpInfoProvider
    {
        public ValueTask<KvpReply> GetIpInfoAsync(KvpGetIpInfoRequest request, CancellationToken cancellationToken) =>
            ValueTask.FromResult<KvpReply>(new KvpIpInfoReply(request.AdapterId, 1, false, "10.0.0.2", "255.0.0.0", "", ""));
    }

    private sealed class FakeSetIpInfo : ISetIpInfoHandler
    {
        public ValueTask<KvpReply> ApplyAsync(KvpSetIpInfoRequest request, CancellationToken cancellationToken) =>
            ValueTask.FromResult<KvpReply>(new KvpStatusReply(HvStatus.HV_GUID_NOTFOUND));
    }
}
