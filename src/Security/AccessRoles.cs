namespace TaskWatch.Security;

/// <summary>
/// The three roles, each also the name of the authorization policy that lets it (and the roles above it) in:
/// Viewer reads every view and <c>/metrics</c>; Operator also registers and stops tracking; Admin also sees the audit.
/// </summary>
public static class AccessRoles
{
    public const string Viewer = "Viewer";

    public const string Operator = "Operator";

    public const string Admin = "Admin";

    /// <summary>Lowest first: a role allows what every role before it allows.</summary>
    public static readonly IReadOnlyList<string> Ordered = [Viewer, Operator, Admin];

    /// <summary>The roles that satisfy <paramref name="policy"/>: it and the ones above it.</summary>
    public static string[] AtLeast(string policy) => [.. Ordered.SkipWhile(r => r != policy)];

    /// <summary>The spelling TaskWatch uses for a configured role name (any case), or null when it is not a role.</summary>
    public static string? Parse(string? text) => Ordered.FirstOrDefault(r => r.Equals(text?.Trim(), StringComparison.OrdinalIgnoreCase));
}
