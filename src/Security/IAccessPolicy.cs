using System.Security.Claims;

namespace TaskWatch.Security;

/// <summary>
/// Who may read and who may change (register, stop tracking, settings). The REST API is checked by
/// <see cref="AccessMiddleware"/>; components ask <see cref="CanChange(ClaimsPrincipal)"/> with the
/// circuit's user (from <c>AuthenticationStateProvider</c> or the cascading <c>AuthenticationState</c>).
/// </summary>
public interface IAccessPolicy
{
    /// <summary>Bound to a non-loopback address, or forced by <c>TaskWatch:Access:RequireKey</c>.</summary>
    bool IsExposed { get; }

    bool CanRead(HttpContext context);

    bool CanChange(HttpContext context);

    /// <summary>For the UI: true when not exposed, or when the user signed in with a key (or came through the trusted proxy).</summary>
    bool CanChange(ClaimsPrincipal user);
}
