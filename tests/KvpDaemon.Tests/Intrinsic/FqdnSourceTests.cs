// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

using System.Net.Sockets;
using KvpDaemon.Intrinsic;
using KvpDaemon.Tests.Intrinsic.Fakes;
using Microsoft.Extensions.Logging.Abstractions;

namespace KvpDaemon.Tests.Intrinsic;

/// <summary>QUIRK-24's recommended behaviour, on a fake clock: nothing here depends on real time passing.</summary>
public sealed class FqdnSourceTests
{
    private static readonly TimeSpan Guard = TimeSpan.FromSeconds(30);

    private readonly FakeTimeProvider _time = new();
    private readonly List<string> _lookups = [];
    private string _hostName = "vm1";
    private Func<string, Task<string>> _resolve = host => Task.FromResult(host + ".example.com");

    [Fact]
    public void Get_Resolvable_ReturnsTheCanonicalName()
    {
        Source().GetFullyQualifiedDomainName().Should().Be("vm1.example.com");
        _lookups.Should().Equal("vm1");
    }

    [Fact]
    public void Get_WithinCacheLifetime_AnswersFromTheCache()
    {
        var source = Source();
        source.GetFullyQualifiedDomainName();
        _resolve = _ => Task.FromResult("changed.example.com");

        _time.Advance(FqdnSource.CacheLifetime - TimeSpan.FromTicks(1));

        source.GetFullyQualifiedDomainName().Should().Be("vm1.example.com");
        _lookups.Should().HaveCount(1);
    }

    [Fact]
    public void Get_AfterCacheLifetime_ResolvesAgain()
    {
        var source = Source();
        source.GetFullyQualifiedDomainName();
        _resolve = _ => Task.FromResult("changed.example.com");

        _time.Advance(FqdnSource.CacheLifetime);

        source.GetFullyQualifiedDomainName().Should().Be("changed.example.com");
        _lookups.Should().HaveCount(2);
    }

    [Fact]
    public void Get_HostNameChanged_ResolvesTheNewNameAtOnce()
    {
        var source = Source();
        source.GetFullyQualifiedDomainName();

        _hostName = "vm2";

        source.GetFullyQualifiedDomainName().Should().Be("vm2.example.com");
        _lookups.Should().Equal("vm1", "vm2");
    }

    [Fact]
    public void Get_ResolverFails_ReturnsTheHostNameNotAnErrorText()
    {
        _resolve = _ => Task.FromException<string>(new SocketException((int)SocketError.HostNotFound));

        Source().GetFullyQualifiedDomainName().Should().Be("vm1");
    }

    [Fact]
    public void Get_ResolverThrowsSynchronously_ReturnsTheHostName()
    {
        _resolve = _ => throw new InvalidOperationException("resolver bug");

        Source().GetFullyQualifiedDomainName().Should().Be("vm1");
    }

    [Theory]
    [InlineData("")]
    [InlineData("  ")]
    public void Get_ResolverAnswersNoName_ReturnsTheHostName(string canonicalName)
    {
        _resolve = _ => Task.FromResult(canonicalName);

        Source().GetFullyQualifiedDomainName().Should().Be("vm1");
    }

    [Fact]
    public void Get_FailureWithinCacheLifetime_IsNotRetried()
    {
        _resolve = _ => Task.FromException<string>(new SocketException((int)SocketError.TryAgain));
        var source = Source();
        source.GetFullyQualifiedDomainName();
        _resolve = _ => Task.FromResult("vm1.example.com");

        _time.Advance(FqdnSource.CacheLifetime - TimeSpan.FromSeconds(1));
        source.GetFullyQualifiedDomainName().Should().Be("vm1");
        _time.Advance(TimeSpan.FromSeconds(1));
        source.GetFullyQualifiedDomainName().Should().Be("vm1.example.com");

        _lookups.Should().HaveCount(2);
    }

    [Fact]
    public async Task Get_ResolverSlowerThanTimeout_ReturnsTheHostNameAfterTheTimeout()
    {
        var lookup = new TaskCompletionSource<string>();
        _resolve = _ => lookup.Task;
        var source = Source();

        var answer = Task.Run(source.GetFullyQualifiedDomainName);
        (await _time.WaitForArmedTimerAsync()).Should().BeTrue("the source waits on the injected clock");
        answer.IsCompleted.Should().BeFalse("the source waits for the resolver until the timeout");
        _time.Advance(FqdnSource.ResolveTimeout);

        (await answer.WaitAsync(Guard)).Should().Be("vm1");
    }

    [Fact]
    public async Task Get_ResolverAnswersWithinTimeout_ReturnsTheCanonicalName()
    {
        var lookup = new TaskCompletionSource<string>();
        _resolve = _ => lookup.Task;
        var source = Source();

        var answer = Task.Run(source.GetFullyQualifiedDomainName);
        (await _time.WaitForArmedTimerAsync()).Should().BeTrue();
        _time.Advance(FqdnSource.ResolveTimeout - TimeSpan.FromTicks(1));
        lookup.SetResult("vm1.example.com");

        (await answer.WaitAsync(Guard)).Should().Be("vm1.example.com");
    }

    [Fact]
    public async Task Get_SlowLookupStillRunning_ReturnsTheHostNameWithoutWaitingAgain()
    {
        var lookup = new TaskCompletionSource<string>();
        _resolve = _ => lookup.Task;
        var source = Source();
        await TimeOutFirstRequest(source);

        // No timer is armed and nothing advances the clock: a second wait would never end.
        var second = await Task.Run(source.GetFullyQualifiedDomainName).WaitAsync(Guard);

        second.Should().Be("vm1");
        _time.ArmedCount.Should().Be(1);
        _lookups.Should().HaveCount(1);
    }

    [Fact]
    public async Task Get_SlowLookupCompletedInBackground_FillsTheCache()
    {
        var lookup = new TaskCompletionSource<string>();
        _resolve = _ => lookup.Task;
        var source = Source();
        await TimeOutFirstRequest(source);

        lookup.SetResult("vm1.example.com");

        source.GetFullyQualifiedDomainName().Should().Be("vm1.example.com");
        _lookups.Should().HaveCount(1);
    }

    [Fact]
    public void Get_HostNameUnreadableBeforeAnyLookup_ReturnsEmpty()
    {
        var source = new FqdnSource(
            () => throw new SocketException((int)SocketError.SocketError),
            Resolve,
            _time,
            NullLogger<FqdnSource>.Instance);

        source.GetFullyQualifiedDomainName().Should().BeEmpty();
    }

    [Fact]
    public void Get_HostNameUnreadableLater_ReturnsTheLastAnswer()
    {
        var readable = true;
        var source = new FqdnSource(
            () => readable ? "vm1" : throw new SocketException((int)SocketError.SocketError),
            Resolve,
            _time,
            NullLogger<FqdnSource>.Instance);
        source.GetFullyQualifiedDomainName();

        readable = false;

        source.GetFullyQualifiedDomainName().Should().Be("vm1.example.com");
    }

    private async Task TimeOutFirstRequest(FqdnSource source)
    {
        var first = Task.Run(source.GetFullyQualifiedDomainName);
        (await _time.WaitForArmedTimerAsync()).Should().BeTrue();
        _time.Advance(FqdnSource.ResolveTimeout);
        (await first.WaitAsync(Guard)).Should().Be("vm1");
    }

    private Task<string> Resolve(string hostName)
    {
        lock (_lookups)
        {
            _lookups.Add(hostName);
        }

        return _resolve(hostName);
    }

    private FqdnSource Source() => new(() => _hostName, Resolve, _time, NullLogger<FqdnSource>.Instance);
}
