// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

using System.Globalization;

namespace KvpDaemon.HostSimulator.Bench;

/// <summary>
/// The share of the machine's CPU time that the hypervisor gave to other guests (the "steal" column of
/// /proc/stat, proc(5)) between two readings. A virtual machine's figures move with it: on the 2-core VM of
/// docs/performance.md, a third of the CPU time was stolen at times, and start-up medians then rose by half.
/// Linux only; null elsewhere.
/// </summary>
internal sealed class CpuSteal
{
    private readonly long _total;
    private readonly long _steal;

    private CpuSteal(long total, long steal)
    {
        _total = total;
        _steal = steal;
    }

    /// <summary>Reads the aggregate CPU line now; null where there is no /proc/stat or it has no steal column.</summary>
    public static CpuSteal? Read()
    {
        try
        {
            using var reader = new StreamReader("/proc/stat");
            return Parse(reader.ReadLine());
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>Parses "cpu  user nice system idle iowait irq softirq steal ..." (clock ticks).</summary>
    public static CpuSteal? Parse(string? line)
    {
        var fields = line?.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (fields is not { Length: >= 9 } || fields[0] != "cpu")
        {
            return null;
        }

        long total = 0;
        var ticks = new long[8];
        for (var i = 0; i < ticks.Length; i++)
        {
            if (!long.TryParse(fields[i + 1], NumberStyles.None, CultureInfo.InvariantCulture, out ticks[i]))
            {
                return null;
            }

            total += ticks[i];
        }

        // Guest time (fields 9 and 10) is already counted in user and nice.
        return new CpuSteal(total, ticks[7]);
    }

    /// <summary>Stolen time as a percentage of all CPU time since <paramref name="earlier"/>; null if none passed.</summary>
    public double? PercentSince(CpuSteal earlier)
    {
        var total = _total - earlier._total;
        return total > 0 ? 100.0 * (_steal - earlier._steal) / total : null;
    }
}
