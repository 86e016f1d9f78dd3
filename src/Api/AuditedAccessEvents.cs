using System.Security.Claims;
using TaskWatch.Core;
using TaskWatch.Security;
using TaskWatch.Storage;

namespace TaskWatch.Api;

/// <summary>
/// Sign-ins, sign-outs, refused keys and failed sign-ins into the audit (<see cref="AuditLog"/>), with the real client's
/// address. A refused key is named by nothing (it is not a key of ours); the presented value never leaves the request.
/// </summary>
public sealed class AuditedAccessEvents(AuditLog audit) : IAccessEvents
{
    public Task SignedInAsync(HttpContext context, ClaimsPrincipal user) =>
        audit.WriteAsync(Actor(context, user), AuditActions.SignIn, "ok", detail: $"{AccessClaims.ViaOf(user)}, role {AccessClaims.RoleOf(user)}");

    public Task SignedOutAsync(HttpContext context, ClaimsPrincipal user) =>
        audit.WriteAsync(Actor(context, user), AuditActions.SignOut, "ok", detail: AccessClaims.ViaOf(user));

    public Task SignInFailedAsync(HttpContext context, string how, string why) =>
        audit.WriteAsync(new AuditActor("anonymous", AuditActor.ViaUi, Client(context)), AuditActions.SignInFailed, "failed", detail: $"{how}: {why}");

    public Task KeyRefusedAsync(HttpContext context) =>
        audit.WriteAsync(new AuditActor("anonymous", AuditActor.ViaApi, Client(context)), AuditActions.KeyRefused, "refused",
            detail: $"{context.Request.Method} {context.Request.Path}");

    private static AuditActor Actor(HttpContext context, ClaimsPrincipal user) =>
        AccessClaims.Actor(user, AuditActor.ViaUi) with { Client = Client(context) };

    private static string? Client(HttpContext context) => context.Connection.RemoteIpAddress is { } address
        ? (address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address).ToString()
        : null;
}
