namespace TaskWatch.Tests.Tracking;

/// <summary>
/// The budget test of issue 4: 200 running jobs over 10 projects of one account, 60 calls a minute.
/// Runs on a fake clock that the test moves in 200 ms steps (see <see cref="PollerUnderTest"/>):
/// minutes of polling take seconds, and a loaded machine changes nothing but the wall time.
/// </summary>
[Collection(nameof(Reliability.HeavyCollection))]
public sealed class CallBudgetTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Step = TimeSpan.FromMilliseconds(200);

    private async Task<(int MostPerMinute, TimeSpan OldestState)> RunAsync(bool listApi, TimeSpan measure)
    {
        await using var poller = await PollerUnderTest.StartAsync(projectCount: 10, listApi);
        poller.SettleTimeout = TimeSpan.FromSeconds(30);
        var jobs = new List<(string, string)>();
        foreach (var (name, project) in poller.Projects)
        {
            for (var i = 0; i < 20; i++)
            {
                jobs.Add((name, poller.AddLongJob(project).Id));
            }
        }

        await poller.RegisterAsync(jobs);

        // Warm-up: with the list API a few list pages read every job; without it, 200 single reads over 3 minutes at 60/min.
        var warmUpEnd = poller.Now + TimeSpan.FromMinutes(6);
        while (poller.Live.Snapshot().Count(v => v.LastReadUtc is not null) < jobs.Count)
        {
            Assert.True(poller.Now < warmUpEnd, $"only {poller.Live.Snapshot().Count(v => v.LastReadUtc is not null)} of {jobs.Count} jobs were read in the warm-up");
            await poller.StepAsync(Step);
        }

        var warmedUp = poller.Now;
        var callsAtWarmUp = poller.Cloud.ApiCallPaths.Count;
        var oldest = TimeSpan.Zero;
        var buckets = new SortedDictionary<int, double>();
        var end = poller.Now + measure;
        while (poller.Now < end)
        {
            await poller.StepAsync(Step);
            var state = poller.OldestRunningState();
            oldest = state > oldest ? state : oldest;
            var bucket = (int)((poller.Now - warmedUp).TotalSeconds / 30);
            buckets[bucket] = Math.Max(buckets.GetValueOrDefault(bucket), state.TotalSeconds);
        }

        var most = poller.Cloud.MostCallsInAnyWindow(TimeSpan.FromMinutes(1));
        var after = poller.Cloud.ApiCallPaths.Skip(callsAtWarmUp).ToList();
        output.WriteLine("oldest per 30 s after warm-up: " + string.Join(", ", buckets.Values.Select(v => v.ToString("0.0", System.Globalization.CultureInfo.InvariantCulture))));
        output.WriteLine($"after warm-up: {after.Count(p => p.EndsWith("/tasklist", StringComparison.Ordinal))} list calls, {after.Count(p => p.EndsWith("/jobs", StringComparison.Ordinal))} single reads");
        output.WriteLine($"listApi={listApi}: warm-up {(warmedUp - new DateTime(2026, 11, 23, 12, 0, 0, DateTimeKind.Utc)).TotalSeconds:0} s, {poller.Cloud.ApiCalls} calls, most in any 60 s: {most}, oldest running state after warm-up: {oldest.TotalSeconds:0.0} s; steps that did not settle: {poller.UnsettledSteps}");
        return (most, oldest);
    }

    [Fact(Timeout = 300_000)]
    public async Task WithListApi_TheAccountStaysInBudget_AndNoRunningStateIsOlderThan20Seconds()
    {
        var (most, oldest) = await RunAsync(listApi: true, TimeSpan.FromMinutes(4));

        Assert.InRange(most, 1, 60);
        Assert.True(oldest < TimeSpan.FromSeconds(20), $"the oldest shown state of a running job was {oldest.TotalSeconds:0.0} s old");
    }

    [Fact(Timeout = 300_000)]
    public async Task WithSingleReadsOnly_TheAccountStaysInBudget_AndStatesAgeToAbout200Seconds()
    {
        var (most, oldest) = await RunAsync(listApi: false, TimeSpan.FromMinutes(6));

        Assert.InRange(most, 1, 60);
        // 200 jobs at 60 reads a minute: a job is read every 200 s at best.
        Assert.True(oldest > TimeSpan.FromSeconds(180), $"the oldest shown state was only {oldest.TotalSeconds:0.0} s old: more reads than the budget allows?");
    }
}
