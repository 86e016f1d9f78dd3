namespace TaskWatch.Security;

/// <summary>
/// <c>TaskWatch:Access:Oidc</c>: single sign-on with an OpenID Connect provider (authorization code with PKCE). On when
/// <see cref="Authority"/> is set; key sign-in stays on beside it. The client secret comes from the environment
/// (<c>TaskWatch__Access__Oidc__ClientSecret</c>), never from a file in the repository.
/// </summary>
public sealed class OidcOptions
{
    public const string SectionName = AccessOptions.SectionName + ":Oidc";

    /// <summary>The provider's issuer URL, e.g. https://login.example.com/realms/ops (HTTPS; plain HTTP only on loopback).</summary>
    public string? Authority { get; set; }

    public string? ClientId { get; set; }

    public string? ClientSecret { get; set; }

    /// <summary>Scopes asked for besides <c>openid</c>; default <c>profile</c>. Add the one that releases roles or groups (e.g. <c>roles</c>, <c>groups</c>).</summary>
    public List<string> Scopes { get; set; } = [];

    /// <summary>The claim that carries roles or groups (a string, several claims, or a JSON array); default <c>roles</c>.</summary>
    public string RoleClaim { get; set; } = "roles";

    /// <summary>The claim shown and recorded as the user's name; default <c>preferred_username</c>, then <c>name</c>, then the subject.</summary>
    public string NameClaim { get; set; } = "preferred_username";

    /// <summary>Provider role or group value → TaskWatch role (Viewer, Operator, Admin). The highest mapped role wins.</summary>
    public Dictionary<string, string> RoleMap { get; set; } = new(StringComparer.Ordinal);

    /// <summary>What a user with no mapped role gets: Viewer (the default) or None (refused).</summary>
    public string UnmappedRole { get; set; } = AccessRoles.Viewer;

    /// <summary>The button's text on the sign-in page.</summary>
    public string DisplayName { get; set; } = "single sign-on";

    /// <summary>How often an open session asks the provider (userinfo) whether the user still has their role.</summary>
    public TimeSpan RoleCheckInterval { get; set; } = TimeSpan.FromSeconds(30);

    public bool Enabled => !string.IsNullOrWhiteSpace(Authority);
}
