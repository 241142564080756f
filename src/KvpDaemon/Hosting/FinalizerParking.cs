// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

using System.Runtime.CompilerServices;

namespace KvpDaemon.Hosting;

/// <summary>
/// Keeps the runtime's finalizer thread asleep while the daemon is idle.
/// <para>
/// On Linux, CoreCLR's finalizer thread waits for work with a 10-second timeout, to look for a heap-dump request
/// (<c>LINUX_HEAP_DUMP_TIME_OUT</c> in the runtime's finalizerthread.cpp). No setting turns it off, and it was the only
/// thread that woke an idle daemon: six times a minute (docs/performance.md, "Idle"). A parked finalizer thread is
/// instead running the finalizer of a sentinel object, which waits on a monitor without a timeout until released.
/// </para>
/// <para>
/// While the thread is parked, other objects that die with a finalizer wait in the runtime's queue. The daemon disposes
/// what it opens, so there are few; <see cref="RuntimeHousekeeping"/> releases the thread (which then runs them) and
/// parks it again at each collection it asks for. The runtime waits for its finalizer thread when the process exits,
/// so <see cref="Close"/> must run before <c>Main</c> returns; after it, nothing parks the thread again.
/// </para>
/// </summary>
internal sealed class FinalizerParking
{
    private readonly object _gate = new();
    private long _releases;
    private bool _closed;
    private bool _parked;

    /// <summary>Whether the finalizer thread is parked now.</summary>
    public bool IsParked
    {
        get
        {
            lock (_gate)
            {
                return _parked;
            }
        }
    }

    /// <summary>
    /// Leaves behind an unreachable sentinel: the next collection that finds it queues its finalizer, which parks the
    /// finalizer thread until the next <see cref="Release"/>. Call <see cref="GC.Collect(int)"/> afterwards to park now.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public void Arm()
    {
        lock (_gate)
        {
            if (_closed)
            {
                return;
            }

            _ = new Sentinel(this, _releases);
        }
    }

    /// <summary>Lets a parked finalizer thread go on with the queue. A sentinel armed before this no longer parks.</summary>
    public void Release()
    {
        lock (_gate)
        {
            _releases++;
            Monitor.PulseAll(_gate);
        }
    }

    /// <summary>Releases the finalizer thread for good: sentinels armed before or after this do not park it.</summary>
    public void Close()
    {
        lock (_gate)
        {
            _closed = true;
            Release();
        }
    }

    /// <summary>Runs on the finalizer thread: waits until a release that came after the sentinel was armed.</summary>
    private void Park(long armedAfterReleases)
    {
        lock (_gate)
        {
            _parked = true;
            while (!_closed && _releases == armedAfterReleases)
            {
                Monitor.Wait(_gate);
            }

            _parked = false;
        }
    }

    private sealed class Sentinel(FinalizerParking parking, long armedAfterReleases)
    {
        ~Sentinel() => parking.Park(armedAfterReleases);
    }
}
