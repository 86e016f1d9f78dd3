namespace TaskWatch.Core;

/// <summary>What an ETA was worked out from.</summary>
public enum EtaBasis
{
    /// <summary>Too few completed runs of this kind, and no progress to go by: no guess.</summary>
    TooLittleHistory = 0,

    /// <summary>Elapsed time extrapolated by the job's own moving progress.</summary>
    Progress = 1,

    /// <summary>The typical duration of earlier runs of the same kind.</summary>
    Typical = 2,
}
