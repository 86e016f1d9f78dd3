using System.Diagnostics;
using System.Diagnostics.Metrics;
using TaskWatch.Cloud;
using TaskWatch.Core;
using TaskWatch.Live;

namespace TaskWatch.Tracking;

/// <summary>
/// TaskWatch's instruments (meter <c>TaskWatch</c>; README "Metrics" lists each with its meaning).
/// Only the poll counter and its duration are recorded on the poll path, with tag values that are
/// fixed strings; everything else is read when a scraper or the OTLP exporter collects (observable
/// instruments), so it costs nothing between collections and is present from the first scrape.
/// </summary>
public sealed class PollerMetrics : IDisposable
{
    public const string MeterName = "TaskWatch";

    // The statuses a tracked job is counted under: the documented states, or where the poller stands before one.
    private static readonly string[] Statuses = ["New", "NotFound", nameof(JobState.Running), nameof(JobState.Completed), nameof(JobState.Failed), nameof(JobState.Unknown)];

    // Enum.ToString on every poll allocated a string each time; the names are fixed.
    private static readonly string[] ServiceNames = Enum.GetNames<CloudService>();
    private static readonly string[] OutcomeNames = Enum.GetNames<ReadOutcome>();

    // In seconds: the SDK's default boundaries (0, 5, 10, 25 … 10000) are meant for milliseconds.
    private static readonly double[] CallBuckets = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];
    private static readonly double[] WriteBuckets = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5];

    private readonly Meter _meter;
    private readonly Counter<long> _polls;
    private readonly Histogram<double> _latency;
    private readonly Counter<long> _batches;
    private readonly Histogram<double> _batchDuration;
    private readonly LiveJobStore _live;
    private readonly AccountBudgets _budgets;
    private long _total;
    private long _storageFailures;
    private long _loopFailures;
    private long _alertsDelivered;
    private long _alertsFailed;

    public PollerMetrics(IMeterFactory meterFactory, LiveJobStore live, AccountBudgets budgets)
    {
        _live = live;
        _budgets = budgets;
        _meter = meterFactory.Create(MeterName);
        _polls = _meter.CreateCounter<long>("taskwatch.polls", description: "Cloud calls made by the poller, by service, kind (job, list, detail: a finished job's nice-to-have read) and outcome.");
        _latency = _meter.CreateHistogram("taskwatch.poll.duration", unit: "s", description: "Duration of one cloud call, retries included, by service, kind and outcome.", advice: Buckets(CallBuckets));
        _batches = _meter.CreateCounter<long>("taskwatch.writer.batches", description: "Batches of poll results stored by the writer (one transaction each).");
        _batchDuration = _meter.CreateHistogram("taskwatch.writer.batch.duration", unit: "s", description: "Time to store one batch of poll results, commit included.", advice: Buckets(WriteBuckets));
        _meter.CreateObservableCounter("taskwatch.storage.failures", () => Interlocked.Read(ref _storageFailures), description: "Batches of poll results that could not be stored (and were retried).");
        _meter.CreateObservableCounter("taskwatch.poller.failures", () => Interlocked.Read(ref _loopFailures), description: "Unexpected errors in the poll loop (logged; the loop goes on).");
        _meter.CreateObservableGauge("taskwatch.jobs.tracked", TrackedByServiceAndStatus, description: "Tracked jobs by service and status (New: not read yet; NotFound: past its grace period).");
        _meter.CreateObservableGauge("taskwatch.jobs.stale", StaleByService, description: "Tracked jobs whose last read failed, by service: what is shown of them is the last good state.");
        _meter.CreateObservableGauge("taskwatch.budget.used", () => PerAccount(b => b.UsedInWindow()), description: "Calls an account made in the last budget window (60 s).");
        _meter.CreateObservableGauge("taskwatch.budget.left", () => PerAccount(b => b.Limit - b.UsedInWindow()), description: "Calls an account may still make in the current budget window.");
        _meter.CreateObservableGauge("taskwatch.budget.paused", () => PerAccount(b => b.IsPaused ? 1 : 0), description: "1 while the account waits out a 429's Retry-After, else 0.");
        _meter.CreateObservableCounter("taskwatch.budget.throttled", () => PerAccount(b => b.Throttled), description: "429 answers the cloud gave an account.");
        _meter.CreateObservableCounter("taskwatch.budget.pauses", () => PerAccount(b => b.Pauses), description: "Pauses of an account's calls the cloud imposed (a 429 while not already paused).");
        _meter.CreateObservableGauge("taskwatch.live.subscribers", () => _live.SubscriberCount, description: "Open live subscriptions (dashboards, walls, detail pages).");
        _meter.CreateObservableCounter("taskwatch.alerts.deliveries", AlertDeliveries, description: "Alert deliveries by outcome (delivered, failed).");
    }

    public long TotalPolls => Interlocked.Read(ref _total);

    public void Poll(CloudService service, string kind, ReadOutcome outcome, TimeSpan duration)
    {
        Interlocked.Increment(ref _total);
        var tags = new TagList { { "service", Name(service) }, { "kind", kind }, { "outcome", Name(outcome) } };
        _polls.Add(1, tags);
        _latency.Record(duration.TotalSeconds, tags);
    }

    /// <summary>Once per stored batch (not per poll).</summary>
    public void BatchStored(TimeSpan duration)
    {
        _batches.Add(1);
        _batchDuration.Record(duration.TotalSeconds);
    }

    public void StorageFailed() => Interlocked.Increment(ref _storageFailures);

    public void LoopFailed() => Interlocked.Increment(ref _loopFailures);

    public void AlertDelivery(bool delivered)
    {
        if (delivered)
        {
            Interlocked.Increment(ref _alertsDelivered);
        }
        else
        {
            Interlocked.Increment(ref _alertsFailed);
        }
    }

    public void Dispose() => _meter.Dispose();

    private static InstrumentAdvice<double> Buckets(double[] boundaries) => new() { HistogramBucketBoundaries = boundaries };

    private static string Name(CloudService service) => (uint)service < (uint)ServiceNames.Length ? ServiceNames[(int)service] : service.ToString();

    private static string Name(ReadOutcome outcome) => (uint)outcome < (uint)OutcomeNames.Length ? OutcomeNames[(int)outcome] : outcome.ToString();

    private static int StatusIndex(JobView view) => view.Phase == PollPhase.NotFound ? 1 : view.State switch
    {
        null => 0,
        JobState.Running => 2,
        JobState.Completed => 3,
        JobState.Failed => 4,
        _ => 5,
    };

    // Every service × status pair, zeros included, so a panel's series do not come and go.
    private IEnumerable<Measurement<int>> TrackedByServiceAndStatus()
    {
        var counts = new int[ServiceNames.Length, Statuses.Length];
        foreach (var view in _live.Snapshot())
        {
            if ((uint)view.Service < (uint)ServiceNames.Length)
            {
                counts[(int)view.Service, StatusIndex(view)]++;
            }
        }

        for (var s = 0; s < ServiceNames.Length; s++)
        {
            for (var k = 0; k < Statuses.Length; k++)
            {
                yield return new Measurement<int>(counts[s, k], new KeyValuePair<string, object?>("service", ServiceNames[s]), new KeyValuePair<string, object?>("status", Statuses[k]));
            }
        }
    }

    private IEnumerable<Measurement<int>> StaleByService()
    {
        var counts = new int[ServiceNames.Length];
        foreach (var view in _live.Snapshot())
        {
            if (view.IsStale && (uint)view.Service < (uint)ServiceNames.Length)
            {
                counts[(int)view.Service]++;
            }
        }

        for (var s = 0; s < ServiceNames.Length; s++)
        {
            yield return new Measurement<int>(counts[s], new KeyValuePair<string, object?>("service", ServiceNames[s]));
        }
    }

    private IEnumerable<Measurement<long>> PerAccount(Func<CallBudgetLimiter, long> read) =>
        _budgets.All.Select(a => new Measurement<long>(read(a.Value), new KeyValuePair<string, object?>("account", a.Key)));

    private IEnumerable<Measurement<long>> AlertDeliveries()
    {
        yield return new Measurement<long>(Interlocked.Read(ref _alertsDelivered), new KeyValuePair<string, object?>("outcome", "delivered"));
        yield return new Measurement<long>(Interlocked.Read(ref _alertsFailed), new KeyValuePair<string, object?>("outcome", "failed"));
    }
}
