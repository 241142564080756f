// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

using KvpDaemon.Dispatch;
using KvpDaemon.IpConfig;
using KvpDaemon.Network;
using KvpDaemon.Platform;
using KvpDaemon.Pools;
using KvpDaemon.Protocol;
using KvpDaemon.Tests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;

namespace KvpDaemon.Tests.Hardening;

/// <summary>
/// What a host can make the dispatcher log is bounded per message kind, with a "suppressed N" summary, and keys are
/// escaped in the message itself, whatever log format renders it.
/// </summary>
public sealed class DispatcherLogTests : IDisposable
{
    private readonly TempDirectory _directory = new();
    private readonly KvpPoolStore _store;
    private readonly ManualTimeProvider _time = new();
    private readonly RecordingLogger<KvpDispatcher> _logger = new();
    private readonly KvpDispatcher _dispatcher;

    public DispatcherLogTests()
    {
        _store = new KvpPoolStore(_directory.Path, KvpDialect.ForCurrentOperatingSystem(), NullLogger.Instance);
        _store.Open();
        _dispatcher = new KvpDispatcher(_store, new NoIntrinsicItems(), new NoIpInfo(), new NoSetIpInfo(), _logger, _time);
    }

    public void Dispose()
    {
        _store.Dispose();
        _directory.Dispose();
    }

    [Fact]
    public async Task Flood_TwentyThousandMalformedRequests_LogsABoundedNumberOfLines()
    {
        for (var i = 0; i < 10_000; i++)
        {
            (await Dispatch(new KvpGetRequest(9, "k"))).Should().Be(KvpStatusReply.Continue);
            (await Dispatch(new KvpUnknownRequest(0, 42))).Should().Be(new KvpStatusReply(HvStatus.HV_ERROR_NOT_SUPPORTED));
        }

        _logger.Lines.Should().HaveCount(2 * LogRateLimiter.Burst);
        _logger.Lines.Should().Contain(line => line.StartsWith("Refused KvpGetRequest for pool 9", StringComparison.Ordinal));
        _logger.Lines.Should().Contain(line => line.StartsWith("Unsupported operation 42", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Flood_AfterTheWindow_ReportsWhatWasSuppressedOnce()
    {
        for (var i = 0; i < 20_000; i++)
        {
            await Dispatch(new KvpGetRequest(9, "k"));
        }

        _time.Advance(LogRateLimiter.Window);
        // Any request after the window brings the summary, once; an ENUMERATE past the end logs nothing itself.
        await Dispatch(new KvpEnumerateRequest(0, 0));
        await Dispatch(new KvpEnumerateRequest(0, 0));

        _logger.Lines.Should().HaveCount(LogRateLimiter.Burst + 1);
        _logger.Lines[^1].Should().Be("Suppressed 19990 more messages of event 303 in the last minute (at most 10 a minute are logged)");
    }

    [Fact]
    public async Task NextWindow_LogsAgain_AfterTheSummary()
    {
        for (var i = 0; i < LogRateLimiter.Burst + 5; i++)
        {
            await Dispatch(new KvpUnknownRequest(0, 42));
        }

        _time.Advance(LogRateLimiter.Window);
        await Dispatch(new KvpUnknownRequest(0, 42));

        _logger.Lines.Should().HaveCount(LogRateLimiter.Burst + 2);
        _logger.Lines[^2].Should().StartWith("Suppressed 5 more messages of event 306");
        _logger.Lines[^1].Should().StartWith("Unsupported operation 42");
    }

    [Fact]
    public async Task Set_KeyWithNewlineAndEscape_IsLoggedEscapedOnOneLine()
    {
        const string key = "a\n2026-12-03 08:43:01.002 [ERR] forged\u001b[31mred\u2028x\\";

        (await Dispatch(new KvpSetRequest(1, key, "v"))).Should().Be(KvpStatusReply.Ok);

        _logger.Lines.Should().ContainSingle().Which.Should().Be(
            @"Pool 1: key a\n2026-12-03 08:43:01.002 [ERR] forged\x1b[31mred\u2028x\\ added");
    }

    [Fact]
    public void ForLog_EscapesEveryControlCharacter_AndLeavesOtherTextAlone()
    {
        KvpText.FromString("tab\there\r\u0085\u007f").ForLog.ToString().Should().Be(@"tab\there\r\x85\x7f");
        KvpText.FromString("plain ütf-8 ✓").ForLog.ToString().Should().Be("plain ütf-8 ✓");
    }

    private ValueTask<KvpReply> Dispatch(KvpRequest request) => _dispatcher.HandleAsync(request, CancellationToken.None);

    private sealed class NoIntrinsicItems : IIntrinsicItems
    {
        public KvpReply Enumerate(uint index) => KvpStatusReply.Continue;

        public KvpReply Get(ReadOnlySpan<byte> key) => KvpStatusReply.Continue;

        public void SetIntegrationServicesVersion(string version)
        {
        }
    }

    private sealed class NoIpInfo : IIpInfoProvider
    {
        public ValueTask<KvpReply> GetIpInfoAsync(KvpGetIpInfoRequest request, CancellationToken cancellationToken) =>
            ValueTask.FromResult<KvpReply>(KvpStatusReply.Fail);
    }

    private sealed class NoSetIpInfo : ISetIpInfoHandler
    {
        public ValueTask<KvpReply> ApplyAsync(KvpSetIpInfoRequest request, CancellationToken cancellationToken) =>
            ValueTask.FromResult<KvpReply>(KvpStatusReply.Fail);
    }
}
