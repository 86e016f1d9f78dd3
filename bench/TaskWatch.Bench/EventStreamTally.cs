namespace TaskWatch.Bench;

/// <summary>What one event-stream client got: how many events, and whether its stream ended before it was told to stop.</summary>
public sealed record EventStreamTally(int Events, bool Broken);
