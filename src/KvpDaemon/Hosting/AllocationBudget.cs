// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

namespace KvpDaemon.Hosting;

/// <summary>
/// How many bytes the process may allocate between the collections the daemon asks for itself.
/// <para>
/// The runtime's own first-generation budget follows the size of the CPU's last-level cache (workstation GC: 4/5 of
/// it, then 5/8 of that: 16 MiB on a 32 MiB L3, more on larger hosts), and every byte of it is resident before the
/// first collection. The runtime reads a smaller budget (<c>DOTNET_GCgen0size</c>) only from the environment, which
/// the daemon does not control when an administrator or another service manager starts it, so the daemon keeps its
/// own: see <see cref="RuntimeHousekeeping"/> and docs/performance.md.
/// </para>
/// </summary>
internal sealed class AllocationBudget
{
    private readonly long _bytes;
    private readonly Func<long> _allocatedBytes;
    private long _restartedAt;

    /// <param name="bytes">The budget.</param>
    /// <param name="allocatedBytes">The bytes the process has allocated so far (<see cref="GC.GetTotalAllocatedBytes"/>).</param>
    public AllocationBudget(long bytes, Func<long> allocatedBytes)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(bytes);
        ArgumentNullException.ThrowIfNull(allocatedBytes);
        _bytes = bytes;
        _allocatedBytes = allocatedBytes;
        _restartedAt = allocatedBytes();
    }

    /// <summary>Whether the bytes allocated since the last <see cref="Restart"/> have reached the budget.</summary>
    public bool IsSpent => _allocatedBytes() - _restartedAt >= _bytes;

    /// <summary>Starts counting again from what has been allocated so far.</summary>
    public void Restart() => _restartedAt = _allocatedBytes();
}
