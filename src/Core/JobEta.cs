namespace TaskWatch.Core;

/// <summary>
/// When a running job should end and what is usual for its kind. <see cref="EtaUtc"/> is null when
/// there is nothing honest to say (too little history, or already past the usual range).
/// </summary>
public sealed record JobEta(DateTime? EtaUtc, EtaBasis Basis, int Runs, TimeSpan? Median, TimeSpan? P90)
{
    public bool HasTypical => Median is not null && P90 is not null;
}
