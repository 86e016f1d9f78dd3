using System.ComponentModel;

namespace TaskWatch.Security;

/// <summary>
/// One key of <c>TaskWatch:Access:ApiKeys</c>: its hash and its scope. The form of earlier releases, the hash as the
/// key's value, still binds (<see cref="ApiKeyOptionsConverter"/>) and gets <see cref="DefaultScope"/>.
/// </summary>
[TypeConverter(typeof(ApiKeyOptionsConverter))]
public sealed class ApiKeyOptions
{
    /// <summary>
    /// <c>change</c>: every key of earlier releases could register and stop jobs, and pipelines that use one must keep
    /// working after the upgrade; give a scraper or a wall display <c>read</c>.
    /// </summary>
    public const string DefaultScope = "change";

    /// <summary>64 hex digits of SHA-256, or <c>pbkdf2-sha256:{iterations}:{salt base64}:{hash base64}</c>.</summary>
    public string? Hash { get; set; }

    /// <summary><c>read</c> (Viewer), <c>change</c> (Operator) or <c>admin</c> (Admin).</summary>
    public string? Scope { get; set; }

    /// <summary>The role the scope gives, or null for a scope that is not one of the three.</summary>
    public string? Role => (Scope?.Trim() ?? DefaultScope).ToLowerInvariant() switch
    {
        "read" => AccessRoles.Viewer,
        "change" => AccessRoles.Operator,
        "admin" => AccessRoles.Admin,
        _ => null,
    };
}
