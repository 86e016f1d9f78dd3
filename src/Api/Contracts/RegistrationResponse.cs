namespace TaskWatch.Api.Contracts;

/// <summary>What happened to one job of a registration.</summary>
public sealed record RegistrationResponse(string Project, string JobId, string Outcome, bool Accepted, string? Problem);
