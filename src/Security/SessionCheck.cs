using System.Collections.Concurrent;
using System.Security.Claims;
using Microsoft.Extensions.Options;

namespace TaskWatch.Security;

/// <summary>
/// Whether a signed-in user's session still holds: within <c>TaskWatch:Access:SessionLifetime</c> of its start, not
/// signed out, for a key the key still configured with the same scope, for single sign-on the provider still giving the same role. The cookie asks on every request, an
/// open circuit every <see cref="CircuitUserRevalidation.Interval"/>.
/// </summary>
public sealed class SessionCheck(IOptions<AccessOptions> options, ApiKeyVerifier keys, OidcRoleCheck providerRoles, TimeProvider time)
{
    private readonly ConcurrentDictionary<string, DateTimeOffset> _ended = new();

    public bool Holds(ClaimsPrincipal user)
    {
        if (user.Identity?.IsAuthenticated != true)
        {
            return true;
        }

        var via = AccessClaims.ViaOf(user);
        if (via is AccessClaims.ViaLocal or AccessClaims.ViaProxy)
        {
            // Decided afresh on every request; a circuit keeps what its request was.
            return true;
        }

        var now = time.GetUtcNow();
        if (AccessClaims.IssuedOf(user) is not { } issued || now - issued > options.Value.SessionLifetime)
        {
            return false;
        }

        if (user.FindFirst(AccessClaims.Session)?.Value is { } session && _ended.ContainsKey(session))
        {
            return false;
        }

        return via != AccessClaims.ViaKey || (user.Identity.Name is { } name && AccessClaims.RoleOf(user) is { } role && keys.StillGrants(name, role));
    }

    /// <summary><see cref="Holds"/>, and for a user signed in through the identity provider, the provider still gives the same role.</summary>
    public async Task<bool> HoldsAsync(ClaimsPrincipal user, CancellationToken cancellationToken) =>
        Holds(user) && (AccessClaims.ViaOf(user) != AccessClaims.ViaOidc || await providerRoles.StillHoldsAsync(user, cancellationToken).ConfigureAwait(false));

    /// <summary>Sign-out: the session ends here too, for a circuit still open with it and a copy of the cookie.</summary>
    public void End(ClaimsPrincipal user)
    {
        if (user.FindFirst(AccessClaims.Session)?.Value is { } session)
        {
            var now = time.GetUtcNow();
            _ended[session] = now;
            providerRoles.Forget(user);
            foreach (var old in _ended.Where(e => now - e.Value > options.Value.SessionLifetime))
            {
                _ended.TryRemove(old.Key, out _);
            }
        }
    }
}
