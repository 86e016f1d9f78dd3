namespace TaskWatch.Storage;

/// <summary>
/// One recorded change or access event: when (UTC), who, how, from where, what and the outcome
/// (<see cref="AuditLog"/>). Never a key, token, password or cookie.
/// </summary>
public sealed class AuditEntry
{
    public long Id { get; set; }

    public DateTime AtUtc { get; set; }

    /// <summary>The provider's user name, a key's name, or "configuration" / "discovery".</summary>
    public required string Who { get; set; }

    /// <summary>The identity provider's subject (its stable user id), when signed in through it.</summary>
    public string? Subject { get; set; }

    /// <summary>UI, API or start-up (and discovery, demo).</summary>
    public required string How { get; set; }

    /// <summary>The real client's address (through a known proxy); null for TaskWatch's own changes.</summary>
    public string? Client { get; set; }

    /// <summary>One of <see cref="AuditActions"/>.</summary>
    public required string Action { get; set; }

    public string? Project { get; set; }

    public string? JobId { get; set; }

    /// <summary>What else there is to say (a batch's size, why a sign-in failed).</summary>
    public string? Detail { get; set; }

    /// <summary>registered, resumed, already tracked, stopped, not tracked, ok, refused, failed.</summary>
    public required string Outcome { get; set; }
}
