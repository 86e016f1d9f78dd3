using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;

namespace TaskWatch.Security;

/// <summary>
/// Adds the request's client address (the real one, through a known proxy) to the user as <see cref="AccessClaims.Client"/>,
/// so a circuit, which has no request of its own later, still knows where its user connected from for the audit.
/// </summary>
public sealed class ClientAddressClaims(IHttpContextAccessor accessor) : IClaimsTransformation
{
    public Task<ClaimsPrincipal> TransformAsync(ClaimsPrincipal principal)
    {
        if (accessor.HttpContext?.Connection.RemoteIpAddress is not { } address || principal.Identity is not ClaimsIdentity identity)
        {
            return Task.FromResult(principal);
        }

        var client = (address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address).ToString();
        if (identity.FindFirst(AccessClaims.Client) is { } old)
        {
            if (old.Value == client)
            {
                return Task.FromResult(principal);
            }

            identity.RemoveClaim(old);
        }

        identity.AddClaim(new Claim(AccessClaims.Client, client));
        return Task.FromResult(principal);
    }
}
