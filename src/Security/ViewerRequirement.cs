using Microsoft.AspNetCore.Authorization;

namespace TaskWatch.Security;

/// <summary>
/// The Viewer policy (also the fallback for every endpoint that names none): a user with any role, anyone when
/// <c>TaskWatch:Access:AnonymousRead</c> is true, and always the health probes (a load balancer has no key).
/// </summary>
public sealed class ViewerRequirement : IAuthorizationRequirement;
