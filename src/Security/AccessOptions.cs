namespace TaskWatch.Security;

/// <summary>
/// <c>TaskWatch:Access</c>: who may change what. On loopback (the default binding) everyone on the
/// machine may; bound to any other address (or with <see cref="RequireKey"/>), registering and
/// stopping need an API key (header <c>X-Api-Key</c>, or a sign-in at <c>/signin</c>).
/// </summary>
public sealed class AccessOptions
{
    public const string SectionName = "TaskWatch:Access";

    /// <summary>True forces keys even on loopback, false turns them off even when exposed; unset decides by the bound addresses.</summary>
    public bool? RequireKey { get; set; }

    /// <summary>Whether anyone may read (dashboard, API GETs) without a key; unset is true on loopback, false when exposed.</summary>
    public bool? AnonymousRead { get; set; }

    /// <summary>Name → hash of the key: 64 hex digits of SHA-256, or <c>pbkdf2-sha256:{iterations}:{salt base64}:{hash base64}</c>.</summary>
    public Dictionary<string, string> ApiKeys { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Header a trusted reverse proxy sets to the signed-in user's name (e.g. X-Forwarded-User); off when empty.</summary>
    public string? TrustedUserHeader { get; set; }
}
