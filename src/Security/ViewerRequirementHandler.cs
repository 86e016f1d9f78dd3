using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;

namespace TaskWatch.Security;

/// <summary>Decides <see cref="ViewerRequirement"/>.</summary>
public sealed class ViewerRequirementHandler(IOptions<AccessOptions> options) : AuthorizationHandler<ViewerRequirement>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, ViewerRequirement requirement)
    {
        if (AccessClaims.RoleOf(context.User) is not null || options.Value.AnonymousRead == true
            || (context.Resource is HttpContext http && http.Request.Path.StartsWithSegments("/healthz", StringComparison.OrdinalIgnoreCase)))
        {
            context.Succeed(requirement);
        }

        return Task.CompletedTask;
    }
}
