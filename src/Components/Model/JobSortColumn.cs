namespace TaskWatch.Components.Model;

public enum JobSortColumn
{
    Service,
    Project,
    Job,
    Instance,
    Status,
    Progress,
    Created,
    Ended,
    Reason,
}
