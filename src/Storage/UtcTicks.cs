namespace TaskWatch.Storage;

/// <summary>The stored form of a time for hand-written SQL, the same as <see cref="UtcTicksConverter"/> gives EF.</summary>
public static class UtcTicks
{
    public static long Of(DateTime value) => (value.Kind == DateTimeKind.Local ? value.ToUniversalTime() : value).Ticks;

    public static object OrNull(DateTime? value) => value is { } v ? Of(v) : DBNull.Value;
}
