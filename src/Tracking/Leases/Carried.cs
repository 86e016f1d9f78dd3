namespace TaskWatch.Tracking.Leases;

/// <summary>
/// A column's new value as a change notification carries it (the value itself may be null). A <see cref="JobRowChange"/>
/// field that is null instead of a <see cref="Carried{T}"/> means the notification did not carry that column.
/// </summary>
public readonly record struct Carried<T>(T Value);
