// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

using System.Diagnostics;
using KvpDaemon.Platform;
using KvpDaemon.Pools;
using KvpDaemon.Tests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Win32.SafeHandles;

namespace KvpDaemon.Tests.Hardening;

/// <summary>
/// Locks another process holds on a pool file (here: another open file description, which flock and OFD locks treat
/// the same) bound every wait: writes fail after <see cref="KvpPoolFile.LockTimeout"/>, reads take only a shared lock
/// that no reader can block, and cancellation (SIGTERM) ends a wait.
/// </summary>
public sealed class PoolLockTests : IDisposable
{
    private static readonly TimeSpan ShortTimeout = TimeSpan.FromMilliseconds(300);

    // Generous: only a guard against the unbounded wait this replaces, never a race.
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(10);

    private readonly TempDirectory _directory = new();
    private readonly KvpDialect _dialect = KvpDialect.ForCurrentOperatingSystem();
    private readonly KvpPoolStore _store;
    private readonly SafeFileHandle _other;

    public PoolLockTests()
    {
        _store = new KvpPoolStore(_directory.Path, _dialect, NullLogger.Instance);
        _store.Open();
        _store[1].Set("k", "v");
        _store[1].LockTimeout = ShortTimeout;
        _other = _dialect.OpenReadOnly(_store[1].Path);
    }

    public void Dispose()
    {
        _other.Dispose();
        _store.Dispose();
        _directory.Dispose();
    }

    [Fact]
    public void Set_SharedFlockHeldElsewhere_FailsAfterTheTimeout()
    {
        FLock(Interop.Libc.LockOperations.LOCK_SH);
        var watch = Stopwatch.StartNew();

        var set = () => _store[1].Set("k", "new");

        set.Should().Throw<PoolLockTimeoutException>().WithMessage("*locked by another process (flock)*gave up after 0.3 s*");
        watch.Elapsed.Should().BeGreaterThanOrEqualTo(ShortTimeout).And.BeLessThan(Bound);
        _store[1].TryGet("k", out var value).Should().BeTrue("a read takes no flock");
        value.ToString().Should().Be("v");
    }

    [Fact]
    public void Set_FcntlReadLockHeldElsewhere_FailsAfterTheTimeout()
    {
        _dialect.TryLockRecords(_other, exclusive: false).Should().BeTrue();

        var set = () => _store[1].Set("k", "new");

        set.Should().Throw<PoolLockTimeoutException>().WithMessage("*(fcntl)*");
    }

    [Fact]
    public void Get_FcntlReadLockHeldElsewhere_AnswersWithoutWaiting()
    {
        // What `lockf`/`flock -s` by an unprivileged reader amounts to: a shared lock. Reads share it.
        _dialect.TryLockRecords(_other, exclusive: false).Should().BeTrue();
        FLock(Interop.Libc.LockOperations.LOCK_EX);
        _store[1].LockTimeout = TimeSpan.FromMinutes(5);
        var watch = Stopwatch.StartNew();

        _store[1].TryGet("k", out var value).Should().BeTrue();
        _store[1].GetAt(0).Should().NotBeNull();
        _store[1].ReadAll().Should().ContainSingle();

        value.ToString().Should().Be("v");
        watch.Elapsed.Should().BeLessThan(Bound, "no wait at all, where the 5 minutes would have run out");
    }

    [Fact]
    public void Set_LockReleasedDuringTheWait_Succeeds()
    {
        FLock(Interop.Libc.LockOperations.LOCK_SH);
        _store[1].LockTimeout = TimeSpan.FromMinutes(5);
        using var released = new Timer(_ => FLock(Interop.Libc.LockOperations.LOCK_UN), null, TimeSpan.FromMilliseconds(100), Timeout.InfiniteTimeSpan);

        _store[1].Set("k", "after the wait").Should().BeFalse();

        _store[1].TryGet("k", out var value).Should().BeTrue();
        value.ToString().Should().Be("after the wait");
    }

    [Fact]
    public void Set_CancelledWhileWaiting_EndsTheWaitAtOnce()
    {
        FLock(Interop.Libc.LockOperations.LOCK_SH);
        _store[1].LockTimeout = TimeSpan.FromMinutes(5);
        using var stop = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));
        var watch = Stopwatch.StartNew();

        var set = () => _store[1].Set("k", "new", stop.Token);

        set.Should().Throw<OperationCanceledException>();
        watch.Elapsed.Should().BeLessThan(Bound, "SIGTERM ends the wait; the 5-minute deadline does not");
    }

    [Fact]
    public void DefaultLockTimeout_IsWellInsideFreeBsdsFiveSeconds() =>
        KvpPoolFile.DefaultLockTimeout.Should().Be(TimeSpan.FromSeconds(2));

    private void FLock(Interop.Libc.LockOperations operation) =>
        Interop.Libc.CheckIo(Interop.Libc.FLock(_other, operation), "flock");
}
