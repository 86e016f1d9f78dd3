using System.Text.Json;
using TaskWatch.Core;

namespace TaskWatch.Simulator;

/// <summary>
/// GaussDB (openGauss) as documented (TASK-CENTERS.md §4): <c>/v3/{project_id}/jobs?id=</c> with
/// <c>progress</c>, <c>fail_reason: null</c> unless failed, times in <c>+0800</c>; and <c>/v3/{project_id}/tasks</c>
/// (<c>job_id</c>, <c>process</c> <c>null</c> once finished, <c>instance_info</c>, <c>created_at</c>/<c>ended_at</c>;
/// offset from 0, limit 1–100 default 100, epoch-ms times).
/// </summary>
public sealed class GaussDbSimulatorDialect : SimulatorDialect
{
    private static readonly TimeSpan Offset = TimeSpan.FromHours(8);

    public override CloudService Service => CloudService.GaussDb;

    public override string PathPrefix => "gaussdb";

    public override string InstanceSuffix => "in14";

    /// <summary>The names the document lists for the task filter.</summary>
    public override IReadOnlyList<SimulatedJobKind> Kinds { get; } =
    [
        new(CloudService.GaussDb, "CreateGaussDBV5Instance", TimeSpan.FromMinutes(8), "none", ["An exception occurs when the ECS processes services.", "Insufficient quota: the instance needs more vCPUs than the project has left."]),
        new(CloudService.GaussDb, "BackupSnapshotGaussDBV5InInstance", TimeSpan.FromMinutes(3), "none", ["The backup failed: the OBS bucket cannot be reached from the instance's VPC."]),
        new(CloudService.GaussDb, "RestoreGaussDBV5InInstance", TimeSpan.FromMinutes(6), "none", ["Backup file not found in OBS (object deleted?)"]),
        new(CloudService.GaussDb, "EnlargeGaussDBV5Volume", TimeSpan.FromMinutes(3), "none", ["Insufficient quota: the volume size exceeds the remaining EVS quota of the project."]),
        new(CloudService.GaussDb, "ResizeGaussDBV5Flavor", TimeSpan.FromMinutes(4), "none", ["The target flavor is sold out in the AZ."]),
        new(CloudService.GaussDb, "GaussDBV5ExpandClusterDN", TimeSpan.FromMinutes(7), "none", ["Redistributing data to the new DN shards did not finish within 3600 s."]),
    ];

    public override void Map(IEndpointRouteBuilder app, TaskCenterSimulator sim)
    {
        MapJobApi(app, sim, "/v3/{projectId}/jobs", (http, projectId) => ShowJob(http, sim, projectId));
        MapJobApi(app, sim, "/v3/{projectId}/tasks", (http, projectId) => Tasks(http, sim, projectId));
    }

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
            w.WriteString("status", SimulatorJson.StatusWord(job, state));
            w.WriteString("created", SimulatorJson.Time(job.CreatedUtc, Offset));
            w.WriteString("ended", job.EndedAt(now) is { } ended ? SimulatorJson.Time(ended, Offset) : string.Empty);
            w.WriteString("progress", SimulatorJson.Percent(job, state, now));
            SimulatorJson.WriteInstance(w, job);
            SimulatorJson.WriteNullable(w, "fail_reason", state == JobState.Failed ? job.FailReason : null);
            w.WriteEndObject();
            w.WriteEndObject();
        }));
    }

    private IResult Tasks(HttpContext http, TaskCenterSimulator sim, string projectId)
    {
        var q = http.Request.Query;
        if (SimulatorEndpoints.PagingProblem(this, q, defaultLimit: 100, maxLimit: 100, out var offset, out var limit) is { } paging)
        {
            return paging;
        }

        if (SimulatorEndpoints.StatusProblem(this, q["status"]) is { } badStatus)
        {
            return badStatus;
        }

        var from = SimulatorEndpoints.TryMillis(q["start_time"]);
        var to = SimulatorEndpoints.TryMillis(q["end_time"]);
        if ((q.ContainsKey("start_time") && from is null) || (q.ContainsKey("end_time") && to is null))
        {
            return SimulatorEndpoints.Json(400, Error("DBS.200001", "start_time and end_time are UNIX timestamps in milliseconds."));
        }

        var now = sim.UtcNow;
        var matching = SimulatorEndpoints.Filter(sim.JobsOf(projectId), now, q["status"], from, to, Service);
        List<SimulatedJob> page = [.. matching.Skip(offset).Take(limit)];
        sim.NoteServed(page, now);
        return SimulatorEndpoints.Json(200, SimulatorJson.Write(w =>
        {
            w.WriteStartObject();
            w.WriteStartArray("tasks");
            foreach (var job in page)
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
        w.WriteStartObject("instance_info");
        w.WriteString("instance_id", job.InstanceId);
        w.WriteString("instance_name", job.InstanceName);
        w.WriteString("instance_status", state == JobState.Running ? "creating" : "normal");
        w.WriteEndObject();
        w.WriteString("job_id", job.Id);
        w.WriteString("name", job.Kind.Name);
        w.WriteString("status", SimulatorJson.StatusWord(job, state));
        // The list's example has "process": null for finished tasks.
        SimulatorJson.WriteNullable(w, "process", state == JobState.Running ? $"{job.ProgressAt(now)}%" : null);
        SimulatorJson.WriteNullable(w, "fail_reason", state == JobState.Failed ? job.FailReason : null);
        w.WriteString("created_at", SimulatorJson.Time(job.CreatedUtc, Offset));
        w.WriteString("ended_at", job.EndedAt(now) is { } ended ? SimulatorJson.Time(ended, Offset) : string.Empty);
        w.WriteEndObject();
    }
}
