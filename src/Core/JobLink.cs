namespace TaskWatch.Core;

/// <summary>
/// The address of a job's page, relative to the app's base: every page, notification and alert links
/// with it, so a project or id with a slash or a space still opens the right job.
/// </summary>
public static class JobLink
{
    public static string PathOf(JobKey key) => $"jobs/{Uri.EscapeDataString(key.Project)}/{Uri.EscapeDataString(key.JobId)}";

    /// <summary>The page of the instance a job ran on (every job TaskWatch has seen on it).</summary>
    public static string InstancePathOf(string project, string instanceId) => $"instances/{Uri.EscapeDataString(project)}/{Uri.EscapeDataString(instanceId)}";
}
