using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using PolicyHub.Web.Extensions;

namespace PolicyHub.Web.Features.Home;

public sealed class HomeController(IOptions<OidcSettings> oidc) : Controller
{
    /// <summary>The landing page for visitors; a signed-in person's home.</summary>
    [HttpGet("/")]
    public IActionResult Index()
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
            accountUrl));
    }
}

public sealed record HomeModel(string Name, string Email, string AccountUrl);
