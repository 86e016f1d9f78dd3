using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Primitives;
using TaskWatch.Core;

namespace TaskWatch.Simulator;

/// <summary>
/// RDS as documented: <c>/v3/{project_id}/jobs?id=</c> (<c>process</c> as <c>"60"</c> or <c>"60% "</c>,
/// <c>entities</c>, no <c>ended</c> while running, <c>fail_reason</c> only when failed) and
/// <c>/v3/{project_id}/tasklist</c> (offset from 0, limit 1–50 default 10, epoch-ms times, <c>actions</c>).
/// </summary>
public sealed class RdsSimulatorDialect : SimulatorDialect
{
    private const string Quota = "Insufficient quota: the volume size exceeds the remaining EVS quota of the project.";

    public override CloudService Service => CloudService.Rds;

    public override string PathPrefix => "rds";

    public override string InstanceSuffix => "in01";

    public override int BadTokenStatus => 403;

    /// <summary>Names as RDS sends them; some carry the leading space the RDS document shows.</summary>
    public override IReadOnlyList<SimulatedJobKind> Kinds { get; } =
    [
        new(CloudService.Rds, "CreateMysqlSingleHAInstance", TimeSpan.FromMinutes(5), "instance", ["createVM failed.", "Insufficient quota: the instance needs more vCPUs than the project has left."]),
        new(CloudService.Rds, " CreateMysqlReplicaInstance", TimeSpan.FromMinutes(4), "replica", ["createVM failed.", "The primary instance is not available; the read replica cannot be created."]),
        new(CloudService.Rds, "MysqlBindEIP", TimeSpan.FromMinutes(1), "eip", ["The EIP is already bound to another resource.", "Failed to bind the EIP: the port of the instance's VPC does not allow it."]),
        new(CloudService.Rds, " RestartMysqlInstance", TimeSpan.FromMinutes(1.5), "none", ["The DB instance did not come back within 600 s after the restart."]),
        new(CloudService.Rds, "ResizeFlavor_Volume", TimeSpan.FromMinutes(3), "volume", [Quota]),
        new(CloudService.Rds, "SwitchoverPostgresqlMasterStandby", TimeSpan.FromMinutes(2), "switch", ["The standby node did not catch up within 600 s; switchover abandoned."]),
        new(CloudService.Rds, "RestoreSqlserverInInstance", TimeSpan.FromMinutes(6), "none", ["Backup file not found in OBS bucket <rds-backup> (object deleted?)"]),
    ];

    public override void Map(IEndpointRouteBuilder app, TaskCenterSimulator sim)
    {
        MapJobApi(app, sim, "/v3/{projectId}/jobs", (http, projectId) => ShowJob(http, sim, projectId));
        MapJobApi(app, sim, "/v3/{projectId}/tasklist", (http, projectId) => TaskList(http, sim, projectId));
    }

    private IResult ShowJob(HttpContext http, TaskCenterSimulator sim, string projectId)
    {
        var now = sim.UtcNow;
        if (SimulatorEndpoints.FindVisible(sim, this, projectId, http.Request.Query["id"], now) is not { } job)
        {
            return NotFound();
        }

        sim.NoteServed([job], now);
        return SimulatorEndpoints.Json(200, SimulatorJson.Write(w =>
        {
            w.WriteStartObject();
            w.WritePropertyName("job");
            WriteJob(w, job, now);
            w.WriteEndObject();
        }));
    }

    private IResult TaskList(HttpContext http, TaskCenterSimulator sim, string projectId)
    {
        var q = http.Request.Query;
        if (SimulatorEndpoints.PagingProblem(this, q, defaultLimit: 10, maxLimit: 50, out var offset, out var limit) is { } paging)
        {
            return paging;
        }

        if (SimulatorEndpoints.StatusProblem(this, q["status"]) is { } badStatus)
        {
            return badStatus;
        }

        var hasFrom = !StringValues.IsNullOrEmpty(q["start_time"]);
        var hasTo = !StringValues.IsNullOrEmpty(q["end_time"]);
        var from = SimulatorEndpoints.TryMillis(q["start_time"]);
        var to = SimulatorEndpoints.TryMillis(q["end_time"]);
        if ((hasFrom && from is null) || (hasTo && to is null))
        {
            return SimulatorEndpoints.Json(400, Error("DBS.200001", "start_time and end_time are UNIX timestamps in milliseconds."));
        }

        if (from is not null && to is null)
        {
            return SimulatorEndpoints.Json(400, Error("DBS.200001", "end_time is required when start_time is given."));
        }

        if (from > to)
        {
            return SimulatorEndpoints.Json(400, Error("DBS.200001", "end_time is earlier than start_time."));
        }

        var now = sim.UtcNow;
        var matching = SimulatorEndpoints.Filter(sim.JobsOf(projectId), now, q["status"], from, to, Service);
        List<SimulatedJob> page = [.. matching.Skip(offset).Take(limit)];
        sim.NoteServed(page, now);
        return SimulatorEndpoints.Json(200, SimulatorJson.Write(w =>
        {
            w.WriteStartObject();
            w.WriteNumber("total_count", matching.Count);
            w.WriteStartArray("actions");
            foreach (var name in page.Select(j => j.Kind.Name.Trim()).Distinct())
            {
                w.WriteStringValue(name);
            }

            w.WriteEndArray();
            w.WriteStartArray("tasks");
            foreach (var job in page)
            {
                var state = job.StateAt(now);
                w.WriteStartObject();
                w.WriteString("id", job.Id);
                w.WriteString("name", job.Kind.Name);
                w.WriteString("instance_id", job.InstanceId);
                w.WriteString("instance_name", job.InstanceName);
                w.WriteString("instance_status", state switch { JobState.Running => "MODIFYING", JobState.Failed => "FAILED", _ => "ACTIVE" });
                w.WriteString("order_id", string.Empty);
                w.WriteString("process", state == JobState.Running ? job.ProgressAt(now).ToString(CultureInfo.InvariantCulture) : string.Empty);
                if (state == JobState.Failed)
                {
                    w.WriteString("fail_reason", job.FailReason);
                }

                w.WriteString("create_time", SimulatorJson.Time(job.CreatedUtc));
                // A finished job's row carries its true end (a failed one ends part-way through its planned life).
                w.WriteString("end_time", SimulatorJson.Time(job.EndedAt(now) ?? job.CreatedUtc + job.Duration));
                w.WriteString("status", SimulatorJson.StatusWord(job, state));
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }));
    }

    private static void WriteJob(Utf8JsonWriter w, SimulatedJob job, DateTime now)
    {
        var state = job.StateAt(now);
        w.WriteStartObject();
        w.WriteString("id", job.Id);
        w.WriteString("name", job.Kind.Name);
        w.WriteString("status", SimulatorJson.StatusWord(job, state));
        w.WriteString("created", SimulatorJson.Time(job.CreatedUtc));
        if (job.EndedAt(now) is { } ended)
        {
            w.WriteString("ended", SimulatorJson.Time(ended)); // RDS leaves "ended" out while running
        }

        // The documented "60" and the example's "60% ": the simulator sends both shapes.
        var progress = job.ProgressAt(now);
        w.WriteString("process", state != JobState.Running ? string.Empty : progress % 2 == 0 ? $"{progress}% " : progress.ToString(CultureInfo.InvariantCulture));
        SimulatorJson.WriteInstance(w, job);
        w.WritePropertyName("entities");
        RdsSimulatedEntities.Write(w, job, "mysql", "8.0");
        if (state == JobState.Failed)
        {
            w.WriteString("fail_reason", job.FailReason); // absent unless failed, as in the examples
        }

        w.WriteEndObject();
    }
}
