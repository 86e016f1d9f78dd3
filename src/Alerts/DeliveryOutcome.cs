namespace TaskWatch.Alerts;

/// <summary>How a delivery ended: delivered or not, after how many attempts, and why not (never a URL).</summary>
public sealed record DeliveryOutcome(bool Delivered, int Attempts, string? Error);
