using System.Security.Claims;

namespace TaskWatch.Security;

/// <summary>
/// Where sign-ins, sign-outs, refused keys and failed sign-ins go to be recorded (the audit, in Storage, which
/// Security may not use: Hosting connects them). The default records nothing.
/// </summary>
public interface IAccessEvents
{
    Task SignedInAsync(HttpContext context, ClaimsPrincipal user);

    Task SignedOutAsync(HttpContext context, ClaimsPrincipal user);

    Task SignInFailedAsync(HttpContext context, string how, string why);

    Task KeyRefusedAsync(HttpContext context);
}
