using System.Globalization;
using System.Text.Json;
using TaskWatch.Core;

namespace TaskWatch.Simulator;

/// <summary>
/// DDS as documented: <c>/v3/{project_id}/jobs?id=</c> (<c>progress</c> <c>"9%"</c>, <c>ended</c> sent while
/// running, <c>fail_reason</c> <c>null</c> unless failed, no entities) and Huawei Cloud's
/// <c>/v3.1/{project_id}/jobs</c> (start and end required, <c>yyyy-mm-ddThh:mm:ssZ</c>, at most 30 days; limit 1–100).
/// </summary>
public sealed class DdsSimulatorDialect : SimulatorDialect
{
    public override CloudService Service => CloudService.Dds;

    public override string PathPrefix => "dds";

    public override string InstanceSuffix => "in02";

    public override IReadOnlyList<SimulatedJobKind> Kinds { get; } =
    [
        new(CloudService.Dds, "Create_MongoDB", TimeSpan.FromMinutes(5), "none", ["Failed to create the ECS of a shard node: insufficient resources in the AZ."]),
        new(CloudService.Dds, "Restore_MongoDB_Replica", TimeSpan.FromMinutes(4), "none", ["Backup file not found in OBS (object deleted?)"]),
        new(CloudService.Dds, "Enlarge_MongoDB_Volume", TimeSpan.FromMinutes(3), "none", ["Insufficient quota: the volume size exceeds the remaining EVS quota of the project."]),
        new(CloudService.Dds, "Restart_MongoDB_Node", TimeSpan.FromMinutes(1.5), "none", ["Failed to upgrade the DB Agent.", "The node did not rejoin the replica set within 300 s after the restart."]),
        new(CloudService.Dds, "Switchover_MongoDB_Primary", TimeSpan.FromMinutes(1), "none", ["The secondary's replication lag is too large; primary/secondary switchover abandoned."]),
        new(CloudService.Dds, "Bind_MongoDB_EIP", TimeSpan.FromMinutes(1), "none", ["The EIP is already bound to another resource."]),
    ];

    public override byte[] Throttled() => SimulatorJson.Error("DBS.280443", "APIs are frequently called by the same tenant.");

    public override void Map(IEndpointRouteBuilder app, TaskCenterSimulator sim)
    {
        MapJobApi(app, sim, "/v3/{projectId}/jobs", (http, projectId) => ShowJob(http, sim, projectId));
        MapJobApi(app, sim, "/v3.1/{projectId}/jobs", (http, projectId) => JobList(http, sim, projectId));
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

    private IResult JobList(HttpContext http, TaskCenterSimulator sim, string projectId)
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

        if (!DateTime.TryParseExact(q["start_time"], "yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var from)
            || !DateTime.TryParseExact(q["end_time"], "yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var to)
            || to < from || to - from > TimeSpan.FromDays(30))
        {
            return SimulatorEndpoints.Json(400, Error("DBS.200001", "start_time and end_time are required, yyyy-mm-ddThh:mm:ssZ, at most 30 days apart."));
        }

        var now = sim.UtcNow;
        var matching = SimulatorEndpoints.Filter(sim.JobsOf(projectId), now, q["status"], from, to, Service);
        List<SimulatedJob> page = [.. matching.Skip(offset).Take(limit)];
        sim.NoteServed(page, now);
        return SimulatorEndpoints.Json(200, SimulatorJson.Write(w =>
        {
            w.WriteStartObject();
            w.WriteStartArray("jobs");
            foreach (var job in page)
            {
                var state = job.StateAt(now);
                w.WriteStartObject();
                w.WriteString("id", job.Id);
                w.WriteString("name", job.Kind.Name);
                w.WriteString("instance_id", job.InstanceId);
                w.WriteString("instance_name", job.InstanceName);
                w.WriteString("status", SimulatorJson.StatusWord(job, state));
                w.WriteString("progress", SimulatorJson.Percent(job, state, now));
                SimulatorJson.WriteNullable(w, "fail_reason", state == JobState.Failed ? job.FailReason : null);
                w.WriteString("created_at", SimulatorJson.Time(job.CreatedUtc));
                w.WriteString("ended_at", SimulatorJson.Time(job.EndedAt(now) ?? job.CreatedUtc.AddSeconds(10)));
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteNumber("total_count", matching.Count);
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
        // DDS sends "ended" even while running (ten seconds after creation in the example).
        w.WriteString("ended", SimulatorJson.Time(job.EndedAt(now) ?? job.CreatedUtc.AddSeconds(10)));
        w.WriteString("progress", SimulatorJson.Percent(job, state, now));
        SimulatorJson.WriteInstance(w, job);
        SimulatorJson.WriteNullable(w, "fail_reason", state == JobState.Failed ? job.FailReason : null);
        w.WriteEndObject();
    }
}
