namespace TaskWatch.Storage;

/// <summary>Where one alert delivery stands.</summary>
public enum AlertDeliveryStatus
{
    /// <summary>Claimed and being sent (or the app stopped while sending).</summary>
    Pending = 0,

    Delivered = 1,

    /// <summary>Every attempt failed; it is not sent again (at most once per job and event).</summary>
    Failed = 2,
}
