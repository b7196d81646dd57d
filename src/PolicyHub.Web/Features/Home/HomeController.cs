using Microsoft.Extensions.Options;
using PolicyHub.Web.Extensions;

namespace PolicyHub.Web.Features.Home;

public sealed class HomeController(IOptions<OidcSettings> oidc, TenantDirectory directory) : Controller
{
    /// <summary>The landing page for visitors; a signed-in person's home.</summary>
    [HttpGet("/")]
    public async Task<IActionResult> Index()
    {
        if (User.Identity?.IsAuthenticated != true)
        {
            return View("Landing");
        }

        var settings = oidc.Value;
        var subject = User.FindFirst("sub")?.Value ?? string.Empty;
        var email = User.FindFirst("email")?.Value ?? string.Empty;
        var verified = string.Equals(User.FindFirst("email_verified")?.Value, "true", StringComparison.OrdinalIgnoreCase);
        var accountUrl = settings.AccountManagementUrl ?? new Uri(new Uri(settings.Authority.TrimEnd('/') + "/"), "manage").ToString();
        return View(new HomeModel(
            User.FindFirst("name")?.Value ?? User.FindFirst("email")?.Value ?? string.Empty,
            email,
            accountUrl,
            await directory.OrganisationsOfAsync(subject, HttpContext.RequestAborted),
            await directory.PendingInvitationsAsync(subject, email, verified, HttpContext.RequestAborted)));
    }
}

public sealed record HomeModel(string Name, string Email, string AccountUrl, IReadOnlyList<TenantDirectory.OrganisationEntry> Organisations,
    IReadOnlyList<TenantDirectory.PendingInvitation> Invitations);
