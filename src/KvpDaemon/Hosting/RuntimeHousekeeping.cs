// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

namespace KvpDaemon.Hosting;

/// <summary>
/// Keeps the daemon small and asleep between requests: a collection of the youngest generation after every
/// <see cref="AllocationBudgetBytes"/> allocated (<see cref="AllocationBudget"/>), and the runtime's finalizer thread
/// parked in between (<see cref="FinalizerParking"/>). The request loop calls <see cref="AfterReply"/>; nothing here
/// runs on a timer. Figures: docs/performance.md, "Memory" and "Idle".
/// </summary>
internal sealed class RuntimeHousekeeping : IDisposable
{
    /// <summary>
    /// 256 KiB: about 250 SETs (a SET allocates about 1 KB, decoding included), so one collection of well under a
    /// millisecond per 250 requests, instead of the 16 MiB or more of garbage the runtime would let pile up. Against
    /// 1 MiB it saves another 0.6 MiB of peak RSS at 10,000 records, with no measurable cost in round trips.
    /// </summary>
    public const long AllocationBudgetBytes = 256 * 1024;

    private readonly AllocationBudget _budget = new(AllocationBudgetBytes, () => GC.GetTotalAllocatedBytes(precise: false));
    private readonly FinalizerParking _finalizer = new();

    /// <summary>How many collections the daemon has asked for.</summary>
    public int Collections { get; private set; }

    /// <summary>Once start-up is over (the daemon is registered): drops its garbage and parks the finalizer thread.</summary>
    public void Settle() => Collect();

    /// <summary>After each reply: collects when the allocation budget is spent.</summary>
    public void AfterReply()
    {
        if (_budget.IsSpent)
        {
            Collect();
        }
    }

    /// <summary>Releases the finalizer thread for good (the runtime waits for it at exit).</summary>
    public void Dispose() => _finalizer.Close();

    private void Collect()
    {
        // Release first, so the objects queued since the last park are finalized; the new sentinel is queued by this
        // very collection and parks the thread again once the queue before it is done.
        _finalizer.Release();
        _finalizer.Arm();
        GC.Collect(0, GCCollectionMode.Forced, blocking: true, compacting: false);
        _budget.Restart();
        Collections++;
    }
}
