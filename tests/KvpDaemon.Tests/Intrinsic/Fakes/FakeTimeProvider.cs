// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

namespace KvpDaemon.Tests.Intrinsic.Fakes;

/// <summary>
/// A clock that moves only when the test calls <see cref="Advance"/>. Timers fire inside <see cref="Advance"/>, on the
/// test's thread; <see cref="WaitForArmedTimerAsync"/> lets a test wait until the code under test has armed one.
/// </summary>
internal sealed class FakeTimeProvider : TimeProvider
{
    private static readonly DateTimeOffset Epoch = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private readonly Lock _gate = new();
    private readonly List<FakeTimer> _timers = [];
    private readonly SemaphoreSlim _armed = new(0);
    private long _elapsedTicks;

    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    /// <summary>How many times a timer has been armed with a finite due time.</summary>
    public int ArmedCount { get; private set; }

    public override long GetTimestamp()
    {
        lock (_gate)
        {
            return _elapsedTicks;
        }
    }

    public override DateTimeOffset GetUtcNow() => Epoch.AddTicks(GetTimestamp());

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new FakeTimer(this, callback, state);
        lock (_gate)
        {
            _timers.Add(timer);
        }

        timer.Change(dueTime, period);
        return timer;
    }

    /// <summary>Moves the clock forward and fires the timers that fall due.</summary>
    public void Advance(TimeSpan by)
    {
        List<FakeTimer> due;
        lock (_gate)
        {
            _elapsedTicks += by.Ticks;
            due = _timers.Where(timer => timer.DueAt <= _elapsedTicks).ToList();
            foreach (var timer in due)
            {
                timer.DueAt = null;
            }
        }

        foreach (var timer in due)
        {
            timer.Fire();
        }
    }

    /// <summary>Waits until some timer has been armed since the last call (a guard, not a pacing delay).</summary>
    public Task<bool> WaitForArmedTimerAsync() => _armed.WaitAsync(TimeSpan.FromSeconds(30));

    private void Arm(FakeTimer timer, TimeSpan dueTime)
    {
        lock (_gate)
        {
            if (dueTime == Timeout.InfiniteTimeSpan)
            {
                timer.DueAt = null;
                return;
            }

            timer.DueAt = _elapsedTicks + dueTime.Ticks;
            ArmedCount++;
        }

        _armed.Release();
    }

    private void Remove(FakeTimer timer)
    {
        lock (_gate)
        {
            _timers.Remove(timer);
        }
    }

    private sealed class FakeTimer(FakeTimeProvider owner, TimerCallback callback, object? state) : ITimer
    {
        /// <summary>The timestamp the timer fires at; null when disarmed. Guarded by the owner's lock.</summary>
        public long? DueAt { get; set; }

        // Periodic timers are not needed by the code under test; a period is ignored.
        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            owner.Arm(this, dueTime);
            return true;
        }

        public void Fire() => callback(state);

        public void Dispose() => owner.Remove(this);

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
