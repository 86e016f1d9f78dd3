using TaskWatch.Core;

namespace TaskWatch.Tracking.Leases;

/// <summary>
/// A row's last error as its two columns hold it: the view's error text is made of both, so a change notification
/// carries them together.
/// </summary>
public readonly record struct StoredError(ReadOutcome? Outcome, string? Text);
