using System.Text.Json;
using TaskWatch.Core;

namespace TaskWatch.Simulator;

/// <summary>
/// GeminiDB as documented (TASK-CENTERS.md §3): one API, <c>/v3/{project_id}/jobs</c>, answers a list,
/// also for <c>?id=</c>, and an empty list for an unknown id; <c>start_time</c>/<c>end_time</c> (the end set
/// while running), <c>progress</c> <c>"14%"</c>, <c>fail_reason</c> <c>""</c> unless failed; filters
/// <c>yyyy-mm-ddThh:mm:ssZ</c> at most 30 days apart (default the last 30 days), limit 10, 20 or 50 (default 50).
/// </summary>
public sealed class GeminiDbSimulatorDialect : SimulatorDialect
{
    private static readonly int[] Limits = [10, 20, 50];

    public override CloudService Service => CloudService.GeminiDb;

    public override string PathPrefix => "geminidb";

    public override string InstanceSuffix => "in06";

    public override IReadOnlyList<SimulatedJobKind> Kinds { get; } =
    [
        new(CloudService.GeminiDb, "CreateCassandra", TimeSpan.FromMinutes(5), "none", ["Failed to create the compute nodes: insufficient resources in the AZ."]),
        new(CloudService.GeminiDb, "EnlargeInstance", TimeSpan.FromMinutes(4), "none", ["Insufficient resources for the new nodes."]),
        new(CloudService.GeminiDb, "EnlargeInstanceVolume", TimeSpan.FromMinutes(2), "none", ["Insufficient quota: the storage exceeds the remaining quota of the project."]),
        new(CloudService.GeminiDb, "RestartNode", TimeSpan.FromMinutes(1.5), "none", ["The node did not rejoin the cluster within 300 s after the restart."]),
        new(CloudService.GeminiDb, "ResizeInstance", TimeSpan.FromMinutes(3), "none", ["The target flavor is sold out in the AZ."]),
        new(CloudService.GeminiDb, "BindPublicIP", TimeSpan.FromMinutes(1), "none", ["The EIP is already bound to another resource."]),
        new(CloudService.GeminiDb, "RestoreNewInstance", TimeSpan.FromMinutes(6), "none", ["Backup file not found in OBS (object deleted?)"]),
    ];

    public override byte[] Throttled() => SimulatorJson.Error("DBS.280443", "The maximum number of connections has been reached.");

    public override void Map(IEndpointRouteBuilder app, TaskCenterSimulator sim) =>
        MapJobApi(app, sim, "/v3/{projectId}/jobs", (http, projectId) => Jobs(http, sim, projectId));

    private IResult Jobs(HttpContext http, TaskCenterSimulator sim, string projectId)
    {
        var q = http.Request.Query;
        if (SimulatorEndpoints.PagingProblem(this, q, defaultLimit: 50, maxLimit: 50, out var offset, out var limit, allowedLimits: Limits) is { } paging)
        {
            return paging;
        }

        if (SimulatorEndpoints.StatusProblem(this, q["status"]) is { } badStatus)
        {
            return badStatus;
        }

        var now = sim.UtcNow;
        var from = q.ContainsKey("start_time") ? SimulatorEndpoints.TryCloudTime(q["start_time"]) : now.AddDays(-30);
        var to = q.ContainsKey("end_time") ? SimulatorEndpoints.TryCloudTime(q["end_time"]) : now;
        if (from is null || to is null || to < from || to - from > TimeSpan.FromDays(30))
        {
            return SimulatorEndpoints.Json(400, Error("DBS.200001", "start_time and end_time are yyyy-mm-ddThh:mm:ssZ, the end after the start, at most 30 days apart."));
        }

        List<SimulatedJob> matching;
        if (q.ContainsKey("id"))
        {
            // One id: a list of that job, or an empty list (GeminiDB's answer for an unknown id).
            matching = SimulatorEndpoints.FindVisible(sim, this, projectId, q["id"], now) is { } job ? [job] : [];
        }
        else
        {
            matching = SimulatorEndpoints.Filter(sim.JobsOf(projectId), now, q["status"], from, to, Service);
        }

        List<SimulatedJob> page = [.. matching.Skip(offset).Take(limit)];
        sim.NoteServed(page, now);
        return SimulatorEndpoints.Json(200, SimulatorJson.Write(w =>
        {
            w.WriteStartObject();
            w.WriteNumber("total_count", matching.Count);
            w.WriteStartArray("jobs");
            foreach (var job in page)
            {
                WriteRow(w, job, now);
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }));
    }

    private static void WriteRow(Utf8JsonWriter w, SimulatedJob job, DateTime now)
    {
        var state = job.StateAt(now);
        w.WriteStartObject();
        w.WriteString("id", job.Id);
        w.WriteString("name", job.Kind.Name);
        w.WriteString("status", SimulatorJson.StatusWord(job, state));
        w.WriteString("start_time", SimulatorJson.Time(job.CreatedUtc));
        // As in the example: a running job already has an end time, two seconds after its start.
        w.WriteString("end_time", SimulatorJson.Time(job.EndedAt(now) ?? job.CreatedUtc.AddSeconds(2)));
        w.WriteString("progress", SimulatorJson.Percent(job, state, now));
        SimulatorJson.WriteInstance(w, job);
        w.WriteString("fail_reason", state == JobState.Failed ? job.FailReason : string.Empty);
        w.WriteEndObject();
    }
}
