using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using PolicyHub.Web.Extensions;
using PolicyHub.Web.Features.Tenancy;

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
        var accountUrl = settings.AccountManagementUrl ?? new Uri(new Uri(settings.Authority.TrimEnd('/') + "/"), "manage").ToString();
        return View(new HomeModel(
            User.FindFirst("name")?.Value ?? User.FindFirst("email")?.Value ?? string.Empty,
            User.FindFirst("email")?.Value ?? string.Empty,
            accountUrl,
            await directory.OrganisationsOfAsync(User.FindFirst("sub")?.Value ?? string.Empty)));
    }
}

public sealed record HomeModel(string Name, string Email, string AccountUrl, IReadOnlyList<TenantDirectory.OrganisationEntry> Organisations);
