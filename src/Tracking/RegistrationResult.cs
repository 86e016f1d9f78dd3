namespace TaskWatch.Tracking;

/// <summary>What happened to one registration, with the reason when it was refused.</summary>
public sealed record RegistrationResult(string Project, string JobId, RegistrationOutcome Outcome, string? Problem = null)
{
    public bool Accepted => Outcome is RegistrationOutcome.Registered or RegistrationOutcome.AlreadyTracked or RegistrationOutcome.Resumed;
}
