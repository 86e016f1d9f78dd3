using System.Text.Json;
using TaskWatch.Core;

namespace TaskWatch.Simulator;

/// <summary>
/// TaurusDB as documented (TASK-CENTERS.md §2): <c>/v3/{project_id}/jobs?id=</c> shaped like RDS, with
/// <c>process</c> <c>"60%"</c>, <c>created</c> in <c>+0800</c> and <c>ended</c> in <c>+0000</c> in the same body,
/// <c>Pending</c> before a delayed job starts (Huawei Cloud); and <c>/v3/{project_id}/immediate-jobs</c>
/// (offset a page number from 1, limit 10, 20 or 50, default 10; <c>job_id</c>, <c>job_name</c>,
/// <c>created_time</c>/<c>ended_time</c>).
/// </summary>
public sealed class TaurusDbSimulatorDialect : SimulatorDialect
{
    private static readonly TimeSpan CreatedOffset = TimeSpan.FromHours(8);
    private static readonly int[] Limits = [10, 20, 50];

    public override CloudService Service => CloudService.TaurusDb;

    public override string PathPrefix => "taurusdb";

    public override string InstanceSuffix => "in07";

    /// <summary>The OTC examples' names (one with its leading space) and Huawei's job_name values.</summary>
    public override IReadOnlyList<SimulatedJobKind> Kinds { get; } =
    [
        new(CloudService.TaurusDb, "CreateMysqlInstance", TimeSpan.FromMinutes(6), "cluster", ["createVM failed.", "Insufficient quota: the instance needs more vCPUs than the project has left."]),
        new(CloudService.TaurusDb, " RestartGaussDBInstance", TimeSpan.FromMinutes(1.5), "none", ["The DB instance did not come back within 600 s after the restart."]),
        new(CloudService.TaurusDb, "AddGaussDBforMySQLNodes", TimeSpan.FromMinutes(4), "none", ["Insufficient quota: the new read replicas exceed the node quota of the instance."]),
        new(CloudService.TaurusDb, "ResizeGaussDBforMySQLFlavor", TimeSpan.FromMinutes(3), "none", ["The target flavor is sold out in the AZ."]),
        new(CloudService.TaurusDb, "GaussDBforMySQLBindEIP", TimeSpan.FromMinutes(1), "eip", ["The EIP is already bound to another resource."]),
        new(CloudService.TaurusDb, "SwitchoverGaussDBforMySQLMasterNode", TimeSpan.FromMinutes(2), "none", ["The read replica's replication delay exceeds the limit; switchover abandoned."]),
        new(CloudService.TaurusDb, "UpgradeGaussDBforMySQLDatabaseVersion", TimeSpan.FromMinutes(5), "none", ["The kernel upgrade failed on a read replica; the instance was rolled back to its previous version."]),
    ];

    public override void Map(IEndpointRouteBuilder app, TaskCenterSimulator sim)
    {
        MapJobApi(app, sim, "/v3/{projectId}/jobs", (http, projectId) => ShowJob(http, sim, projectId));
        MapJobApi(app, sim, "/v3/{projectId}/immediate-jobs", (http, projectId) => ImmediateJobs(http, sim, projectId));
    }

    /// <summary>A delayed kind (resize, upgrade) is <c>Pending</c> until it makes its first progress.</summary>
    private static string StatusWord(SimulatedJob job, JobState state, DateTime now) =>
        state == JobState.Running && job.StatusOverride is null && job.ProgressAt(now) == 0
            && (job.Kind.Name.Contains("Resize", StringComparison.Ordinal) || job.Kind.Name.Contains("Upgrade", StringComparison.Ordinal))
            ? "Pending"
            : SimulatorJson.StatusWord(job, state);

    private IResult ShowJob(HttpContext http, TaskCenterSimulator sim, string projectId)
    {
        var now = sim.UtcNow;
        if (SimulatorEndpoints.FindVisible(sim, this, projectId, http.Request.Query["id"], now) is not { } job)
        {
            return NotFound();
        }

        sim.NoteServed([job], now);
        var state = job.StateAt(now);
        return SimulatorEndpoints.Json(200, SimulatorJson.Write(w =>
        {
            w.WriteStartObject();
            w.WriteStartObject("job");
            w.WriteString("id", job.Id);
            w.WriteString("name", job.Kind.Name);
            w.WriteString("status", StatusWord(job, state, now));
            w.WriteString("created", SimulatorJson.Time(job.CreatedUtc, CreatedOffset));
            if (job.EndedAt(now) is { } ended)
            {
                w.WriteString("ended", SimulatorJson.Time(ended));
            }

            w.WriteString("process", SimulatorJson.Percent(job, state, now));
            SimulatorJson.WriteInstance(w, job);
            w.WritePropertyName("entities");
            RdsSimulatedEntities.Write(w, job, "gaussdb-mysql", "8.0");
            if (state == JobState.Failed)
            {
                w.WriteString("fail_reason", job.FailReason);
            }

            w.WriteEndObject();
            w.WriteEndObject();
        }));
    }

    private IResult ImmediateJobs(HttpContext http, TaskCenterSimulator sim, string projectId)
    {
        var q = http.Request.Query;
        if (SimulatorEndpoints.PagingProblem(this, q, defaultLimit: 10, maxLimit: 50, out var page, out var limit, minOffset: 1, allowedLimits: Limits) is { } paging)
        {
            return paging;
        }

        if (SimulatorEndpoints.StatusProblem(this, q["status"], "Running", "Completed", "Failed", "Pending") is { } badStatus)
        {
            return badStatus;
        }

        var from = SimulatorEndpoints.TryCloudTime(q["start_time"]);
        var to = SimulatorEndpoints.TryCloudTime(q["end_time"]);
        if ((q.ContainsKey("start_time") && from is null) || (q.ContainsKey("end_time") && to is null))
        {
            return SimulatorEndpoints.Json(400, Error("DBS.200001", "start_time and end_time are yyyy-mm-ddThh:mm:ssZ (e.g. 2026-12-04T10:00:00+0100)."));
        }

        var now = sim.UtcNow;
        var matching = SimulatorEndpoints.Filter(sim.JobsOf(projectId), now, q["status"], from, to, Service, j => StatusWord(j, j.StateAt(now), now));
        List<SimulatedJob> rows = [.. matching.Skip((page - 1) * limit).Take(limit)];
        sim.NoteServed(rows, now);
        return SimulatorEndpoints.Json(200, SimulatorJson.Write(w =>
        {
            w.WriteStartObject();
            w.WriteStartArray("jobs");
            foreach (var job in rows)
            {
                WriteRow(w, job, now);
            }

            w.WriteEndArray();
            w.WriteNumber("total_count", matching.Count);
            w.WriteEndObject();
        }));
    }

    private static void WriteRow(Utf8JsonWriter w, SimulatedJob job, DateTime now)
    {
        var state = job.StateAt(now);
        w.WriteStartObject();
        w.WriteString("instance_id", job.InstanceId);
        w.WriteString("instance_name", job.InstanceName);
        w.WriteString("instance_status", state switch { JobState.Running => "creating", JobState.Failed => "abnormal", _ => "normal" });
        w.WriteString("job_id", job.Id);
        w.WriteString("order_id", string.Empty);
        w.WriteString("job_name", job.Kind.Name);
        w.WriteString("status", StatusWord(job, state, now));
        w.WriteString("process", SimulatorJson.Percent(job, state, now));
        w.WriteString("created_time", SimulatorJson.Time(job.CreatedUtc, CreatedOffset));
        w.WriteString("ended_time", job.EndedAt(now) is { } ended ? SimulatorJson.Time(ended) : string.Empty);
        w.WriteString("fail_reason", state == JobState.Failed ? job.FailReason : string.Empty);
        w.WriteEndObject();
    }
}
