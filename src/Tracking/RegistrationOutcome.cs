namespace TaskWatch.Tracking;

public enum RegistrationOutcome
{
    Registered,
    AlreadyTracked,

    /// <summary>Was stopped earlier; tracked again, its history intact.</summary>
    Resumed,

    /// <summary>Not a usable job id (400).</summary>
    InvalidJobId,

    /// <summary>No such configured project (404).</summary>
    UnknownProject,
}
