using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using TaskWatch.Core;
using TaskWatch.Security;
using TaskWatch.Tracking;

namespace TaskWatch.Components.Model;

/// <summary>
/// Taking a job or letting it go in the signed-in user's name, the same from the job page, the wall's card, the
/// dashboard's row and the note dialog: the Operator policy is asked again at the click (the role may have been taken
/// away since the page rendered), and a refusal comes back as words for the page ("Not done: …"), null when done.
/// </summary>
public sealed class UserAcknowledger(IJobAcknowledger acknowledger, IAuthorizationService authorization)
{
    public Task<string?> TakeAsync(ClaimsPrincipal user, JobKey key, string? note) =>
        ChangeAsync(user, actor => acknowledger.AcknowledgeAsync(key, note, actor, CancellationToken.None));

    public Task<string?> LetGoAsync(ClaimsPrincipal user, JobKey key) =>
        ChangeAsync(user, actor => acknowledger.UnacknowledgeAsync(key, actor, CancellationToken.None));

    private async Task<string?> ChangeAsync(ClaimsPrincipal user, Func<AuditActor, Task<AckResult>> change)
    {
        if (!(await authorization.AuthorizeAsync(user, AccessRoles.Operator)).Succeeded)
        {
            return "Not done: acknowledging needs the Operator role.";
        }

        var result = await change(AccessClaims.Actor(user, AuditActor.ViaUi));
        return result.Problem is { } why ? $"Not done: {why}" : null;
    }
}
