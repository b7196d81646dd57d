using PolicyHub.ServiceDefaults.Security;

namespace PolicyHub.Web.Features.Tenancy;

public sealed record InvitationsModel(string Email, bool EmailVerified, IReadOnlyList<TenantDirectory.PendingInvitation> Invitations, string? Organisation, string ReturnUrl);

/// <summary>
/// Where the invitation email leads: the signed-in person sees who invites them where, and chooses Join or Decline.
/// Nothing is bound before that choice (signing in alone never makes anyone a member); both answers are audited.
/// </summary>
[Authorize]
public sealed class InvitationsController(TenantDirectory directory, JoinOrganisation joining, DeclineInvitation declining, IStringLocalizer<SharedResource> l) : Controller
{
    [HttpGet("invitations")]
    [HttpGet("invitations/accept")] // the address in invitation emails already sent
    public async Task<IActionResult> Index(string? org, string? returnUrl)
    {
        var target = LocalUrl.Normalize(returnUrl);
        var organisations = await directory.OrganisationsOfAsync(Subject, HttpContext.RequestAborted);
        if (org is not null && organisations.Any(o => o.Slug == org))
        {
            return LocalRedirect(target != "/" ? target : $"/o/{org}");
        }

        var pending = await directory.PendingInvitationsAsync(Subject, Email, EmailVerified, HttpContext.RequestAborted);
        // The invitation the link is about first, then any others.
        var ordered = pending.OrderBy(i => i.Slug == org ? 0 : 1).ToList();
        return View("Accept", new InvitationsModel(Email, EmailVerified, ordered, org, target));
    }

    [HttpPost("invitations/{id:guid}/join")]
    public async Task<IActionResult> Join(Guid id, string? returnUrl)
    {
        var invitation = await directory.FindPendingInvitationAsync(id, Subject, Email, EmailVerified, HttpContext.RequestAborted);
        if (invitation is null)
        {
            return NotFound();
        }

        if (!await joining.JoinAsync(invitation, Subject, HttpContext.RequestAborted))
        {
            TempData["Error"] = l["This invitation is no longer open. Ask the organisation's administrator to invite you again."].Value;
            return RedirectToAction(nameof(Index));
        }

        TempData["Status"] = l["Welcome to {0}! You are now a member.", invitation.Organisation].Value;
        var target = LocalUrl.Normalize(returnUrl);
        return LocalRedirect(target.StartsWith($"/o/{invitation.Slug}", StringComparison.Ordinal) ? target : $"/o/{invitation.Slug}");
    }

    [HttpPost("invitations/{id:guid}/decline")]
    public async Task<IActionResult> Decline(Guid id)
    {
        var invitation = await directory.FindPendingInvitationAsync(id, Subject, Email, EmailVerified, HttpContext.RequestAborted);
        if (invitation is null)
        {
            return NotFound();
        }

        TempData["Status"] = await declining.DeclineAsync(invitation, HttpContext.RequestAborted)
            ? l["You declined the invitation to {0}. You are not a member; if this was a mistake, ask them to invite you again.", invitation.Organisation].Value
            : l["This invitation is no longer open. Ask the organisation's administrator to invite you again."].Value;
        return LocalRedirect("/");
    }

    private string Subject => User.FindFirst("sub")!.Value;

    private string Email => User.FindFirst("email")?.Value ?? string.Empty;

    private bool EmailVerified => string.Equals(User.FindFirst("email_verified")?.Value, "true", StringComparison.OrdinalIgnoreCase);
}
