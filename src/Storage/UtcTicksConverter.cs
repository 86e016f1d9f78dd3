using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace TaskWatch.Storage;

/// <summary>
/// Stores times as UTC ticks: SQLite compares and sorts integers exactly and compactly, and the
/// Kind comes back as UTC.
/// </summary>
public sealed class UtcTicksConverter() : ValueConverter<DateTime, long>(
    v => UtcTicks.Of(v),
    v => new DateTime(v, DateTimeKind.Utc));
