namespace TaskWatch.Alerts;

/// <summary><c>TaskWatch:Alerts:Rules:{name}</c>: which events of which jobs go to which channels.</summary>
public sealed class AlertRuleOptions
{
    /// <summary>Events: Failed, Overdue, NotFound, Completed.</summary>
    public List<string> On { get; set; } = [];

    /// <summary>Project names; empty means every project.</summary>
    public List<string> Projects { get; set; } = [];

    /// <summary>Services by name (Rds, Dds, TaurusDb, GaussDb, GeminiDb, Ddm); empty means every service.</summary>
    public List<string> Services { get; set; } = [];

    /// <summary>A job name pattern with <c>*</c> and <c>?</c> (case-insensitive); empty means any name.</summary>
    public string? JobName { get; set; }

    /// <summary>Names of channels under <c>TaskWatch:Alerts:Channels</c>.</summary>
    public List<string> Channels { get; set; } = [];
}
