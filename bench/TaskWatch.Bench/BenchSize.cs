namespace TaskWatch.Bench;

/// <summary>
/// The sizes of one run: full (the figures) or quick (CI only proves the bench still works,
/// so its figures carry no verdict). Window counts are odd so that a median is one window's value,
/// and at least five in a full run, so that neither one nor two outliers decide it.
/// </summary>
public sealed record BenchSize(bool Quick, bool AllocationProfile = false)
{
    public int PollJobs => Quick ? 500 : 10_000;

    /// <summary>Demanded polls per second: jobs divided by their running interval.</summary>
    public double PollRate => Quick ? 500 : 1_000;

    /// <summary>Windows of the poller and, as many again, of the bare loop.</summary>
    public int PollWindows => Quick ? 3 : 5;

    /// <summary>One running interval at full size, so that every job comes due about once per window.</summary>
    public TimeSpan PollWindow => Quick ? TimeSpan.FromSeconds(2) : TimeSpan.FromSeconds(10);

    /// <summary>
    /// The bare loop's windows are shorter than the poller's: its CPU per poll moves little from
    /// window to window (146–157 µs in a full run under load), and a --repeat 3 has to stay near 20 minutes.
    /// </summary>
    public TimeSpan BaselineWindow => Quick ? TimeSpan.FromSeconds(2) : TimeSpan.FromSeconds(6);

    /// <summary>The bare loop's warm-up: thousands of requests, so its path is at tier 1 before it is measured.</summary>
    public TimeSpan BaselineWarmUp => Quick ? TimeSpan.FromSeconds(1) : TimeSpan.FromSeconds(5);

    public int StorageJobs => Quick ? 5_000 : 100_000;

    public int StorageSnapshots => Quick ? 50_000 : 1_000_000;

    public int TrackedJobs => Quick ? 500 : 10_000;

    /// <summary>Timed loads of the tracked jobs (after one untimed).</summary>
    public int LoadRepetitions => Quick ? 3 : 5;

    /// <summary>Repetitions of each search, each a p95 over <see cref="SearchRuns"/> runs.</summary>
    public int SearchRepetitions => Quick ? 3 : 5;

    public int SearchRuns => Quick ? 10 : 40;

    public int Dashboards => 5;

    /// <summary>How long each dashboard count is measured; split into <see cref="ScreenCpuWindows"/> CPU windows.</summary>
    public TimeSpan ScreenWindow => Quick ? TimeSpan.FromSeconds(4) : TimeSpan.FromSeconds(28);

    public int ScreenCpuWindows => Quick ? 3 : 7;

    /// <summary>Left unmeasured after dashboards open: their first renders and the JIT of the live path.</summary>
    public TimeSpan ScreenWarmUp => Quick ? TimeSpan.FromSeconds(1) : TimeSpan.FromSeconds(5);

    /// <summary>Resident-memory samples, one a second, at each dashboard count.</summary>
    public int MemorySamples => Quick ? 3 : 5;

    public double ChangesPerSecond => Quick ? 50 : 200;

    /// <summary>Timed cold starts, after one untimed start that fills the file cache.</summary>
    public int ColdStarts => Quick ? 1 : 5;
}
