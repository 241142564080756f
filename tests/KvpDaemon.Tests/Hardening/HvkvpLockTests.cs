// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

using System.Diagnostics;
using KvpDaemon.Tests.Cli;

namespace KvpDaemon.Tests.Hardening;

/// <summary>hvkvp waits for another process's locks as the daemon does: at most 2 s, then a clear message and exit 3.</summary>
public sealed class HvkvpLockTests
{
    [Fact]
    public void Set_PoolFlockHeldElsewhere_ExitsWithTheLockMessageWithinTheBound()
    {
        using var harness = new HvkvpHarness().WithPoolFiles();
        using var other = harness.Dialect.OpenReadOnly(harness.PoolPath(1));
        Interop.Libc.CheckIo(Interop.Libc.FLock(other, Interop.Libc.LockOperations.LOCK_SH), "flock");
        var watch = Stopwatch.StartNew();

        var result = harness.Run("set", "k", "v");

        result.ExitCode.Should().Be(3);
        result.Error.Should().Be(
            $"hvkvp: pool 1 file {harness.PoolPath(1)} is locked by another process (flock); gave up after 2 s " +
            "(a process holding flock or fcntl locks on it stalls every writer)\n");
        watch.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(30), "2 s, not until the lock is let go");
    }

    [Fact]
    public void Get_PoolFlockHeldElsewhere_ReadsAtOnce()
    {
        using var harness = new HvkvpHarness().WithPoolFiles();
        harness.Writer[1].Set("k", "v");
        using var other = harness.Dialect.OpenReadOnly(harness.PoolPath(1));
        Interop.Libc.CheckIo(Interop.Libc.FLock(other, Interop.Libc.LockOperations.LOCK_EX), "flock");

        var result = harness.Run("get", "--pool", "1", "k");

        result.ExitCode.Should().Be(0);
        result.Output.Should().Be("v\n");
    }
}
