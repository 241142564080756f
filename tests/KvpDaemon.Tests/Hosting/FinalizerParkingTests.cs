// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

using System.Runtime.CompilerServices;
using KvpDaemon.Hosting;

namespace KvpDaemon.Tests.Hosting;

/// <summary>These tests park this process's own finalizer thread, so nothing else runs beside them.</summary>
[CollectionDefinition(nameof(FinalizerThreadCollection), DisableParallelization = true)]
public sealed class FinalizerThreadCollection;

[Collection(nameof(FinalizerThreadCollection))]
public sealed class FinalizerParkingTests
{
    /// <summary>Waits for a condition another thread brings about; the deadline only turns a hang into a failure.</summary>
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    [Fact]
    public void ArmThenCollect_ParksTheFinalizerThread_AndFinalizersWaitUntilRelease()
    {
        var parking = new FinalizerParking();
        try
        {
            parking.Arm();
            GC.Collect();
            SpinWait.SpinUntil(() => parking.IsParked, Deadline).Should().BeTrue("the sentinel's finalizer parks the thread");

            var probe = new Probe();
            LeaveFinalizable(probe);
            GC.Collect();
            parking.IsParked.Should().BeTrue();
            probe.Finalized.IsSet.Should().BeFalse("the only finalizer thread is parked");

            parking.Release();
            probe.Finalized.Wait(Deadline).Should().BeTrue("a release lets the queue run");
            SpinWait.SpinUntil(() => !parking.IsParked, Deadline).Should().BeTrue();
        }
        finally
        {
            parking.Close();
        }
    }

    [Fact]
    public void Arm_AfterClose_ParksNothing()
    {
        var parking = new FinalizerParking();
        parking.Close();

        parking.Arm();
        GC.Collect();
        GC.WaitForPendingFinalizers();

        parking.IsParked.Should().BeFalse();
    }

    [Fact]
    public void ReleaseBetweenArmAndCollection_TheSentinelDoesNotPark()
    {
        var parking = new FinalizerParking();
        try
        {
            parking.Arm();
            parking.Release();
            GC.Collect();

            // Returns only if the sentinel's finalizer returned: it was armed before the release.
            GC.WaitForPendingFinalizers();
            parking.IsParked.Should().BeFalse();
        }
        finally
        {
            parking.Close();
        }
    }

    [Fact]
    public void RuntimeHousekeeping_CollectsOnceTheBudgetIsSpent_AndDisposeReleasesTheFinalizerThread()
    {
        var housekeeping = new RuntimeHousekeeping();
        try
        {
            housekeeping.AfterReply();
            housekeeping.Collections.Should().Be(0, "nothing has been allocated yet");

            Allocate(RuntimeHousekeeping.AllocationBudgetBytes + 64 * 1024);
            housekeeping.AfterReply();
            housekeeping.Collections.Should().Be(1);
        }
        finally
        {
            housekeeping.Dispose();
        }

        // Would hang if the finalizer thread were still parked.
        GC.Collect();
        GC.WaitForPendingFinalizers();
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void LeaveFinalizable(Probe probe) => _ = new Reporter(probe);

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void Allocate(long bytes)
    {
        for (long done = 0; done < bytes; done += 8 * 1024)
        {
            GC.KeepAlive(new byte[8 * 1024]);
        }
    }

    private sealed class Probe
    {
        public ManualResetEventSlim Finalized { get; } = new();
    }

    private sealed class Reporter(Probe probe)
    {
        ~Reporter() => probe.Finalized.Set();
    }
}
