namespace TaskWatch.Core;

/// <summary>A tracked job's identity: the configured project name and the cloud's task id.</summary>
public readonly record struct JobKey(string Project, string JobId)
{
    public override string ToString() => $"{Project}/{JobId}";
}
