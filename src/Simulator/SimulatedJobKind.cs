using TaskWatch.Core;

namespace TaskWatch.Simulator;

/// <summary>A kind of long operation the simulator plays: its task name, service and typical length.</summary>
public sealed record SimulatedJobKind(CloudService Service, string Name, TimeSpan TypicalDuration, string Entities)
{
    /// <summary>Names as the task centers send them; some carry the leading space the RDS document shows.</summary>
    public static readonly IReadOnlyList<SimulatedJobKind> All =
    [
        new(CloudService.Rds, "CreateMysqlSingleHAInstance", TimeSpan.FromMinutes(5), "instance"),
        new(CloudService.Rds, " CreateMysqlReplicaInstance", TimeSpan.FromMinutes(4), "replica"),
        new(CloudService.Rds, "MysqlBindEIP", TimeSpan.FromMinutes(1), "eip"),
        new(CloudService.Rds, " RestartMysqlInstance", TimeSpan.FromMinutes(1.5), "none"),
        new(CloudService.Rds, "ResizeFlavor_Volume", TimeSpan.FromMinutes(3), "volume"),
        new(CloudService.Rds, "SwitchoverPostgresqlMasterStandby", TimeSpan.FromMinutes(2), "switch"),
        new(CloudService.Rds, "RestoreSqlserverInInstance", TimeSpan.FromMinutes(6), "none"),
        new(CloudService.Dds, "Create_MongoDB", TimeSpan.FromMinutes(5), "none"),
        new(CloudService.Dds, "Restore_MongoDB_Replica", TimeSpan.FromMinutes(4), "none"),
        new(CloudService.Dds, "Enlarge_MongoDB_Volume", TimeSpan.FromMinutes(3), "none"),
        new(CloudService.Dds, "Restart_MongoDB_Node", TimeSpan.FromMinutes(1.5), "none"),
        new(CloudService.Dds, "Switchover_MongoDB_Primary", TimeSpan.FromMinutes(1), "none"),
        new(CloudService.Dds, "Bind_MongoDB_EIP", TimeSpan.FromMinutes(1), "none"),
    ];

    public static readonly IReadOnlyList<string> FailReasons =
    [
        "createVM failed.",
        "Failed to upgrade the DB Agent.",
        "Insufficient quota: the volume size exceeds the remaining EVS quota of the project.",
        "The standby node did not catch up within 600 s; switchover abandoned.",
        "Backup file not found in OBS bucket <rds-backup> (object deleted?)",
    ];
}
