using System.ComponentModel;

namespace TaskWatch.Api.Contracts;

/// <summary>Who has taken a job: the signed-in user's or the key's name, when (UTC), and the note.</summary>
public sealed record AckResponse(
    string Project,
    string JobId,
    [property: Description("The signed-in user's name or the API key's name.")] string By,
    DateTime At,
    string? Note);
