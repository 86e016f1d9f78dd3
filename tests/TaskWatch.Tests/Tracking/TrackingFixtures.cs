using TaskWatch.Cloud;
using TaskWatch.Core;
using TaskWatch.Storage;
using TaskWatch.Tracking;

namespace TaskWatch.Tests.Tracking;

/// <summary>Small builders for the poller's plain types.</summary>
internal static class TrackingFixtures
{
    public static readonly DateTime T0 = new(2026, 11, 23, 12, 0, 0, DateTimeKind.Utc);

    public static CloudProject Project(string name = "p", bool listApi = false) =>
        new(name, CloudService.Rds, "0123456789abcdef0123456789abcdef", "eu-de", new Uri("http://127.0.0.1:1/rds"), "acct", listApi, false, TimeSpan.FromDays(1), ListPageSize: 50);

    private static long _rows;

    public static ScheduledJob Job(string id, DateTime due, PollPhase phase = PollPhase.New, DateTime? registered = null, string project = "p")
    {
        var job = new ScheduledJob(new JobKey(project, id), Project(project), Interlocked.Increment(ref _rows), registered ?? T0)
        {
            Phase = phase,
            DueUtc = due,
        };
        job.View = ScheduledJobFactory.ViewOf(job, null, null, null);
        return job;
    }

    public static JobReadResult Running(string id, int? progress) => JobReadResult.Ok(Cloud(id, "Running", progress));

    public static JobReadResult Finished(string id, string status = "Completed") => JobReadResult.Ok(Cloud(id, status, null) with
    {
        Ended = new CloudTimestamp(T0, "2026-11-23T12:00:00+0000"),
    });

    public static JobReadResult Error(ReadOutcome outcome, TimeSpan? retryAfter = null) =>
        JobReadResult.Failed(new CloudError(outcome, outcome == ReadOutcome.Throttled ? 429 : 500, "X.1", "scripted", retryAfter));

    public static CloudJob Cloud(string id, string status, int? progress) => new()
    {
        Id = id,
        Name = "CreateMysqlSingleHAInstance",
        Status = JobStatus.Parse(status),
        Progress = progress,
        Created = new CloudTimestamp(T0.AddHours(-1), "2026-11-23T11:00:00+0000"),
    };
}
