namespace TaskWatch.Security;

/// <summary>
/// <c>TaskWatch:Access</c>: who may read and change what. A request that reaches TaskWatch directly on a loopback
/// binding is local (anyone on the machine may do anything); every other request (another address bound, a request
/// that came through a proxy, or <see cref="RequireKey"/>) is exposed and needs a signed-in user or an API key
/// whose role or scope allows it.
/// </summary>
public sealed class AccessOptions
{
    public const string SectionName = "TaskWatch:Access";

    /// <summary>True treats every request as exposed, even on loopback; false treats none as exposed; unset decides per request.</summary>
    public bool? RequireKey { get; set; }

    /// <summary>Whether anyone may read (the Viewer policy) without signing in when a request is exposed; default false.</summary>
    public bool? AnonymousRead { get; set; }

    /// <summary>
    /// Name → key: the hash alone (<c>ApiKeys:ci=&lt;hash&gt;</c>, scope <see cref="ApiKeyOptions.DefaultScope"/>) or
    /// <c>ApiKeys:ci:Hash</c> and <c>ApiKeys:ci:Scope</c> (read, change, admin).
    /// </summary>
    public Dictionary<string, ApiKeyOptions> ApiKeys { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Header a known proxy (<see cref="KnownProxies"/>) sets to the signed-in user's name (e.g. X-Forwarded-User); off when empty.</summary>
    public string? TrustedUserHeader { get; set; }

    /// <summary>The role a <see cref="TrustedUserHeader"/> user gets: Viewer, Operator (the default) or Admin.</summary>
    public string TrustedUserRole { get; set; } = AccessRoles.Operator;

    /// <summary>
    /// Addresses (<c>10.0.0.5</c>) or networks (<c>10.0.0.0/8</c>) of reverse proxies whose <c>X-Forwarded-For</c>,
    /// <c>-Proto</c> and <c>-Host</c> are believed; from anyone else they are ignored. Empty: none.
    /// </summary>
    public List<string> KnownProxies { get; set; } = [];

    /// <summary>
    /// Host names this TaskWatch answers to besides the loopback names (<c>localhost</c>, <c>127.0.0.1</c>, <c>[::1]</c>),
    /// e.g. <c>taskwatch.example.com</c>. Any other <c>Host</c> is refused (400), which stops DNS rebinding.
    /// Empty while bound beyond loopback: any host (with a start-up warning).
    /// </summary>
    public List<string> AllowedHosts { get; set; } = [];

    /// <summary>Single sign-on (<c>TaskWatch:Access:Oidc</c>); off while its Authority is unset.</summary>
    public OidcOptions Oidc { get; set; } = new();

    /// <summary>How long a sign-in lasts at most, whatever the user does (absolute, not sliding).</summary>
    public TimeSpan SessionLifetime { get; set; } = TimeSpan.FromHours(12);
}
