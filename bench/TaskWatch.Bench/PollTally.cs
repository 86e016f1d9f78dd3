namespace TaskWatch.Bench;

/// <summary>The polls that came due in one window, and how many of those same polls were read.</summary>
public readonly record struct PollTally(int Demanded, int Done)
{
    public double DonePercent => Demanded == 0 ? double.NaN : 100.0 * Done / Demanded;
}
