using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;

namespace TaskWatch.Security;

/// <summary>
/// An open circuit asks <see cref="SessionCheck"/> about its user every <see cref="Interval"/>: signed out elsewhere,
/// past the session's lifetime, its key removed or its role taken away at the identity provider, the circuit's user becomes anonymous and the pages take the
/// controls away without a reload.
/// </summary>
public sealed class CircuitUserRevalidation(ILoggerFactory loggerFactory, SessionCheck sessions) : RevalidatingServerAuthenticationStateProvider(loggerFactory)
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(30);

    protected override TimeSpan RevalidationInterval => Interval;

    protected override Task<bool> ValidateAuthenticationStateAsync(AuthenticationState authenticationState, CancellationToken cancellationToken) =>
        sessions.HoldsAsync(authenticationState.User, cancellationToken);
}
