// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

namespace KvpDaemon.Dispatch;

/// <summary>
/// Bounds the log lines a host can cause (docs/reliability.md, "Hostile local users, helpers and servers"): per message kind, at most
/// <see cref="Burst"/> lines per <see cref="Window"/>; the rest are counted, and the count is reported once, as
/// "suppressed N", when the kind's window ends. Independent of the logging backend: the dispatcher asks before it logs.
/// </summary>
/// <remarks>Not thread-safe: the dispatcher serves one request at a time.</remarks>
internal sealed class LogRateLimiter
{
    /// <summary>Lines per kind and window: enough to see what a misbehaving host sends.</summary>
    public const int Burst = 10;

    /// <summary>The window: a flood costs at most <see cref="Burst"/> + 1 lines a minute per kind.</summary>
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

    private readonly TimeProvider _time;
    private readonly Dictionary<int, KindState> _kinds = [];

    public LogRateLimiter(TimeProvider time)
    {
        _time = time;
    }

    /// <summary>
    /// Whether a line of <paramref name="kind"/> may be written now. <paramref name="suppressed"/> is the number of lines
    /// of that kind dropped in the window that just ended, to be reported first; it is reported once.
    /// </summary>
    public bool Allow(int kind, out long suppressed)
    {
        var now = _time.GetTimestamp();
        if (!_kinds.TryGetValue(kind, out var state) || _time.GetElapsedTime(state.WindowStart, now) >= Window)
        {
            suppressed = state?.Suppressed ?? 0;
            _kinds[kind] = new KindState { WindowStart = now, Written = 1 };
            return true;
        }

        suppressed = 0;
        if (state.Written < Burst)
        {
            state.Written++;
            return true;
        }

        state.Suppressed++;
        return false;
    }

    /// <summary>
    /// The kinds whose window ended with lines suppressed, with their counts; each is reported once. Lets a summary
    /// appear after a flood stops, on the next request of any kind.
    /// </summary>
    public IReadOnlyList<(int Kind, long Suppressed)> TakeEndedSummaries()
    {
        var now = _time.GetTimestamp();
        List<(int, long)>? ended = null;
        foreach (var (kind, state) in _kinds)
        {
            if (state.Suppressed > 0 && _time.GetElapsedTime(state.WindowStart, now) >= Window)
            {
                (ended ??= []).Add((kind, state.Suppressed));
                state.Suppressed = 0;
            }
        }

        return ended ?? (IReadOnlyList<(int, long)>)[];
    }

    private sealed class KindState
    {
        public long WindowStart { get; set; }

        public int Written { get; set; }

        public long Suppressed { get; set; }
    }
}
