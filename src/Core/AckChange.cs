namespace TaskWatch.Core;

/// <summary>What an acknowledgement entry of a job's timeline records.</summary>
public enum AckChange
{
    Acknowledged = 1,
    Unacknowledged = 2,
}
