using System.Text.Json;
using TaskWatch.Core;

namespace TaskWatch.Simulator;

/// <summary>
/// DDM as documented (TASK-CENTERS.md §5): <c>/v3/{project_id}/jobs/{job_id}</c> (the id in the path;
/// <c>created_time</c>/<c>end_time</c> in <c>+0100</c>, <c>end_time</c> set while running, <c>process</c>, no
/// failure reason) and <c>/v3/{project_id}/jobs</c> (start and end mandatory, epoch ms, start at most 30 days
/// back; limit 1–128 default 10; flat rows with <c>fail_reason</c>, <c>operations</c>, <c>database_name</c>;
/// shard configuration shows <c>Expanding</c>, then <c>ToBeSwitched</c>; <c>offset</c>, <c>limit</c>, <c>total</c>).
/// Errors are <c>{"errCode", "externalMessage"}</c>; an unknown task is 400 <c>DBS.300400</c>.
/// </summary>
public sealed class DdmSimulatorDialect : SimulatorDialect
{
    private const string ShardConfiguration = "migrateLogicDb";
    private static readonly TimeSpan Offset = TimeSpan.FromHours(1);

    public override CloudService Service => CloudService.Ddm;

    public override string PathPrefix => "ddm";

    public override string InstanceSuffix => "in09";

    /// <summary>The task names of the document's status appendix.</summary>
    public override IReadOnlyList<SimulatedJobKind> Kinds { get; } =
    [
        new(CloudService.Ddm, "CreateInstance", TimeSpan.FromMinutes(4), "none", ["Failed to create the DDM nodes: insufficient resources in the AZ."]),
        new(CloudService.Ddm, "EnlargeNode", TimeSpan.FromMinutes(3), "none", ["The target flavor is sold out in the AZ."]),
        new(CloudService.Ddm, "RestartInstance", TimeSpan.FromMinutes(1.5), "none", ["The DDM instance did not come back within 600 s after the restart."]),
        new(CloudService.Ddm, "BindEIP", TimeSpan.FromMinutes(1), "none", ["The EIP is already bound to another resource."]),
        new(CloudService.Ddm, ShardConfiguration, TimeSpan.FromMinutes(6), "none", ["Shard configuration failed: the destination shard has too little space."]),
        new(CloudService.Ddm, "loadMetadata", TimeSpan.FromMinutes(1), "none", ["Failed to load metadata: the associated RDS instance cannot be reached."]),
    ];

    public override byte[] Error(string code, string message) => SimulatorJson.Write(w =>
    {
        w.WriteStartObject();
        w.WriteString("errCode", code);
        w.WriteString("externalMessage", message);
        w.WriteEndObject();
    });

    public override IResult NotFound() => SimulatorEndpoints.Json(400, Error("DBS.300400", "The task is not found."));

    public override void Map(IEndpointRouteBuilder app, TaskCenterSimulator sim)
    {
        app.MapGet($"/{PathPrefix}/v3/{{projectId}}/jobs/{{jobId}}", (HttpContext http, string projectId, string jobId) => sim.Faults.AnswerAsync(http, projectId, () =>
            SimulatorEndpoints.Refuse(http, sim, this, projectId) ?? ShowJob(sim, projectId, jobId)));
        MapJobApi(app, sim, "/v3/{projectId}/jobs", (http, projectId) => Jobs(http, sim, projectId));
    }

    /// <summary>The list's word: shard configuration moves through Expanding and ToBeSwitched; the single read says Running.</summary>
    private static string ListStatus(SimulatedJob job, JobState state, DateTime now) =>
        state == JobState.Running && job.StatusOverride is null && job.Kind.Name == ShardConfiguration
            ? job.ProgressAt(now) < 80 ? "Expanding" : "ToBeSwitched"
            : SimulatorJson.StatusWord(job, state);

    private IResult ShowJob(TaskCenterSimulator sim, string projectId, string jobId)
    {
        var now = sim.UtcNow;
        if (SimulatorEndpoints.FindVisible(sim, this, projectId, jobId, now) is not { } job)
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
            w.WriteString("created_time", SimulatorJson.Time(job.CreatedUtc, Offset));
            w.WriteString("end_time", SimulatorJson.Time(job.EndedAt(now) ?? job.CreatedUtc + job.Duration, Offset));
            w.WriteString("process", SimulatorJson.Percent(job, state, now));
            SimulatorJson.WriteInstance(w, job);
            w.WriteEndObject();
            w.WriteEndObject();
        }));
    }

    private IResult Jobs(HttpContext http, TaskCenterSimulator sim, string projectId)
    {
        var q = http.Request.Query;
        if (SimulatorEndpoints.PagingProblem(this, q, defaultLimit: 10, maxLimit: 128, out var offset, out var limit) is { } paging)
        {
            return paging;
        }

        var now = sim.UtcNow;
        var from = SimulatorEndpoints.TryMillis(q["start_time"]);
        var to = SimulatorEndpoints.TryMillis(q["end_time"]);
        if (from is null || to is null || to < from || from < now.AddDays(-30))
        {
            return SimulatorEndpoints.Json(400, Error("DBS.300001", "start_time and end_time are mandatory UNIX timestamps in milliseconds; start_time at most 30 days back."));
        }

        var matching = SimulatorEndpoints.Filter(sim.JobsOf(projectId), now, default, from, to, Service);
        List<SimulatedJob> page = [.. matching.Skip(offset).Take(limit)];
        sim.NoteServed(page, now);
        return SimulatorEndpoints.Json(200, SimulatorJson.Write(w =>
        {
            w.WriteStartObject();
            w.WriteStartArray("jobs");
            foreach (var job in page)
            {
                WriteRow(w, job, now);
            }

            w.WriteEndArray();
            w.WriteNumber("offset", offset);
            w.WriteNumber("limit", limit);
            w.WriteNumber("total", matching.Count);
            w.WriteEndObject();
        }));
    }

    private static void WriteRow(Utf8JsonWriter w, SimulatedJob job, DateTime now)
    {
        var state = job.StateAt(now);
        var status = ListStatus(job, state, now);
        w.WriteStartObject();
        w.WriteString("id", job.Id);
        w.WriteString("name", job.Kind.Name);
        w.WriteString("status", status);
        w.WriteString("created_time", SimulatorJson.Time(job.CreatedUtc, Offset));
        w.WriteString("end_time", SimulatorJson.Time(job.EndedAt(now) ?? job.CreatedUtc, Offset));
        w.WriteString("process", SimulatorJson.Percent(job, state, now));
        w.WriteString("instance_name", job.InstanceName);
        w.WriteString("instance_id", job.InstanceId);
        w.WriteStartArray("operations");
        if (status == "ToBeSwitched")
        {
            w.WriteStringValue("modifySwitchingStrategy");
            w.WriteStringValue("toBeCanceled");
        }

        w.WriteEndArray();
        w.WriteString("database_name", job.Kind.Name == ShardConfiguration ? "db_" + job.Id[..4] : string.Empty);
        w.WriteString("fail_reason", state == JobState.Failed ? job.FailReason : string.Empty);
        w.WriteEndObject();
    }
}
