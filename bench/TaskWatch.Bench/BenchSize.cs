namespace TaskWatch.Bench;

/// <summary>The sizes of one run: full (the figures) or quick (CI only proves the bench still works).</summary>
public sealed record BenchSize(bool Quick, bool AllocationProfile = false)
{
    public int Repetitions => 3;

    public int PollJobs => Quick ? 500 : 10_000;

    /// <summary>Demanded polls per second: jobs divided by their running interval.</summary>
    public double PollRate => Quick ? 500 : 1_000;

    public TimeSpan PollWindow => Quick ? TimeSpan.FromSeconds(2) : TimeSpan.FromSeconds(15);

    public int StorageJobs => Quick ? 5_000 : 100_000;

    public int StorageSnapshots => Quick ? 50_000 : 1_000_000;

    public int TrackedJobs => Quick ? 500 : 10_000;

    public int SearchRuns => Quick ? 10 : 40;

    public int Dashboards => 5;

    public TimeSpan ScreenWindow => Quick ? TimeSpan.FromSeconds(4) : TimeSpan.FromSeconds(30);

    public double ChangesPerSecond => Quick ? 50 : 200;
}
