using Microsoft.Extensions.Time.Testing;

namespace TaskWatch.Tests.Tracking;

/// <summary>
/// The time of a shared <see cref="FakeTimeProvider"/>, handed to one loop that sleeps with
/// <c>Task.Delay(wait, time, token)</c> and makes no other timer: it tells whether that loop is asleep and until
/// when, so a test moves the clock only once the loop has finished what the last move woke it for.
/// </summary>
public sealed class SleepWatchingClock(FakeTimeProvider clock) : TimeProvider
{
    private long _wakesAtTicks;

    /// <summary>When the loop's sleep ends, or null while it is awake (not asleep yet, or woken and at work).</summary>
    public DateTime? WakesAtUtc => Interlocked.Read(ref _wakesAtTicks) is var ticks and > 0 ? new DateTime(ticks, DateTimeKind.Utc) : null;

    /// <summary>The loop sleeps, and the clock has not reached the end of its sleep.</summary>
    public bool IsAsleep => WakesAtUtc > clock.GetUtcNow().UtcDateTime;

    public override DateTimeOffset GetUtcNow() => clock.GetUtcNow();

    public override TimeZoneInfo LocalTimeZone => clock.LocalTimeZone;

    public override long TimestampFrequency => clock.TimestampFrequency;

    public override long GetTimestamp() => clock.GetTimestamp();

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        Interlocked.Exchange(ref _wakesAtTicks, (clock.GetUtcNow().UtcDateTime + dueTime).Ticks);
        return clock.CreateTimer(
            s =>
            {
                // Awake from here until the next sleep begins.
                Interlocked.Exchange(ref _wakesAtTicks, 0);
                callback(s);
            },
            state,
            dueTime,
            period);
    }
}
