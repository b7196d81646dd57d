using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace PolicyHub.Web.Features.Tenancy;

/// <summary>
/// Where the invitation email leads. Signing in (or registering at the auth service) with the invited address
/// binds the invitation; this page also binds it for someone who was already signed in, then opens the organisation.
/// </summary>
[Authorize]
public sealed class InvitationsController(TenantDirectory directory, IStringLocalizer<SharedResource> l) : Controller
{
    [HttpGet("invitations/accept")]
    public async Task<IActionResult> Accept(string? org)
    {
        // Binding happens at sign-in (a GET would be the wrong place for a state change); this page only looks.
        var organisations = await directory.OrganisationsOfAsync(User.FindFirst("sub")!.Value);
        if (org is not null && organisations.Any(o => o.Slug == org))
        {
            return RedirectToAction("Home", "Organisations", new { slug = org });
        }

        return View(model: org);
    }

    [HttpPost("invitations/accept")]
    public async Task<IActionResult> AcceptPost(string? org)
    {
        var joined = await directory.AcceptInvitationsAsync(
            User.FindFirst("sub")!.Value, User.FindFirst("email")?.Value ?? string.Empty, EmailVerified());
        if (org is not null && joined.Contains(org))
        {
            TempData["Status"] = l["Welcome! You are now a member."].Value;
            return RedirectToAction("Home", "Organisations", new { slug = org });
        }

        TempData["Error"] = l["There is no open invitation for {0}. Ask your administrator to invite this email address.", User.FindFirst("email")?.Value ?? string.Empty].Value;
        return RedirectToAction(nameof(Accept), new { org });
    }

    private bool EmailVerified() => string.Equals(User.FindFirst("email_verified")?.Value, "true", StringComparison.OrdinalIgnoreCase);
}
