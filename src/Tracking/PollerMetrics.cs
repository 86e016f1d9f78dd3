using System.Diagnostics;
using System.Diagnostics.Metrics;
using TaskWatch.Cloud;

namespace TaskWatch.Tracking;

/// <summary>The poller's instruments (meter <c>TaskWatch</c>): polls by service and outcome, latency, storage failures.</summary>
public sealed class PollerMetrics : IDisposable
{
    public const string MeterName = "TaskWatch";

    private readonly Meter _meter;
    private readonly Counter<long> _polls;
    private readonly Histogram<double> _latency;
    private readonly Counter<long> _storageFailures;
    private readonly Counter<long> _loopFailures;

    public PollerMetrics(IMeterFactory meterFactory)
    {
        _meter = meterFactory.Create(MeterName);
        _polls = _meter.CreateCounter<long>("taskwatch.polls", description: "Cloud calls made by the poller, by service, kind (job, list) and outcome.");
        _latency = _meter.CreateHistogram<double>("taskwatch.poll.duration", unit: "s", description: "Duration of one cloud call, retries included.");
        _storageFailures = _meter.CreateCounter<long>("taskwatch.storage.failures", description: "Batches of poll results that could not be stored (and were retried).");
        _loopFailures = _meter.CreateCounter<long>("taskwatch.poller.failures", description: "Unexpected errors in the poll loop (logged; the loop goes on).");
    }

    public long TotalPolls => Interlocked.Read(ref _total);

    private long _total;

    public void Poll(CloudService service, string kind, ReadOutcome outcome, TimeSpan duration)
    {
        Interlocked.Increment(ref _total);
        var tags = new TagList { { "service", Name(service) }, { "kind", kind }, { "outcome", Name(outcome) } };
        _polls.Add(1, tags);
        _latency.Record(duration.TotalSeconds, tags);
    }

    // Enum.ToString on every poll allocated a string each time; the names are fixed.
    private static readonly string[] ServiceNames = Enum.GetNames<CloudService>();
    private static readonly string[] OutcomeNames = Enum.GetNames<ReadOutcome>();

    private static string Name(CloudService service) => (uint)service < (uint)ServiceNames.Length ? ServiceNames[(int)service] : service.ToString();

    private static string Name(ReadOutcome outcome) => (uint)outcome < (uint)OutcomeNames.Length ? OutcomeNames[(int)outcome] : outcome.ToString();

    public void StorageFailed() => _storageFailures.Add(1);

    public void LoopFailed() => _loopFailures.Add(1);

    public void Observe(Func<IEnumerable<Measurement<int>>> trackedByStatus, Func<int> stale)
    {
        _meter.CreateObservableGauge("taskwatch.jobs.tracked", trackedByStatus, description: "Tracked jobs by status.");
        _meter.CreateObservableGauge("taskwatch.jobs.stale", stale, description: "Tracked jobs whose last read failed.");
    }

    public void Dispose() => _meter.Dispose();
}
