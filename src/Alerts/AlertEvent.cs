namespace TaskWatch.Alerts;

/// <summary>What happened to a job that a rule can alert on.</summary>
public enum AlertEvent
{
    Failed = 0,
    Overdue = 1,
    NotFound = 2,
    Completed = 3,
}
