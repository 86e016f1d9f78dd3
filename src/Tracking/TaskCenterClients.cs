using TaskWatch.Cloud;
using TaskWatch.Core;

namespace TaskWatch.Tracking;

/// <summary>Picks the typed client for a project's dialect.</summary>
public sealed class TaskCenterClients(RdsJobClient rds, DdsJobClient dds)
{
    public TaskCenterClient For(CloudService service) => service == CloudService.Rds ? rds : dds;
}
