using System.Security.Claims;

namespace TaskWatch.Security;

/// <summary>Records nothing: for a host without the audit (component tests).</summary>
public sealed class NoAccessEvents : IAccessEvents
{
    public Task SignedInAsync(HttpContext context, ClaimsPrincipal user) => Task.CompletedTask;

    public Task SignedOutAsync(HttpContext context, ClaimsPrincipal user) => Task.CompletedTask;

    public Task SignInFailedAsync(HttpContext context, string how, string why) => Task.CompletedTask;

    public Task KeyRefusedAsync(HttpContext context) => Task.CompletedTask;
}
