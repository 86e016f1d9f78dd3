namespace TaskWatch.Security;

/// <summary>
/// Whether a request is exposed: it needs a signed-in user or a key then. What each one may do is decided by the
/// authorization policies (<see cref="AccessRoles"/>), never here.
/// </summary>
public interface IAccessPolicy
{
    /// <summary>
    /// Not exposed only when it reached TaskWatch directly from loopback, on a loopback-only binding, without any proxy
    /// header; <c>TaskWatch:Access:RequireKey</c> overrides either way.
    /// </summary>
    bool IsExposed(HttpContext context);
}
