namespace TaskWatch.Api.Contracts;

public sealed record BatchRegistrationResponse(int Accepted, int Rejected, IReadOnlyList<RegistrationResponse> Results);
