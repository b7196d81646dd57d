using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace PolicyHub.Web.Features.Account;

/// <summary>Sign-in and sign-out through the auth service (OpenID Connect, code flow with PKCE).</summary>
[Route("account")]
public sealed class AccountController(
    IOptionsMonitor<OpenIdConnectOptions> oidc,
    IStringLocalizer<SharedResource> l,
    ILogger<AccountController> logger) : Controller
{
    [HttpGet("signin")]
    public async Task<IActionResult> Login(string? returnUrl)
    {
        if (!await SignInServiceAnswersAsync())
        {
            Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            return View("SignInUnavailable");
        }

        var target = Url.IsLocalUrl(returnUrl) ? returnUrl : "/";
        return Challenge(new AuthenticationProperties { RedirectUri = target }, OpenIdConnectDefaults.AuthenticationScheme);
    }

    /// <summary>Signs out of PolicyHub and of the auth service (RP-initiated logout), then returns to the start page.</summary>
    [HttpPost("signout")]
    public async Task<IActionResult> Logout()
    {
        if (User.Identity?.IsAuthenticated != true)
        {
            return LocalRedirect("/");
        }

        if (!await SignInServiceAnswersAsync())
        {
            await HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
            TempData["Status"] = l["You are signed out of PolicyHub. The sign-in service could not be reached; close the browser to end that session too."].Value;
            return LocalRedirect("/");
        }

        return SignOut(new AuthenticationProperties { RedirectUri = "/" },
            CookieAuthenticationDefaults.AuthenticationScheme, OpenIdConnectDefaults.AuthenticationScheme);
    }

    private async Task<bool> SignInServiceAnswersAsync()
    {
        var options = oidc.Get(OpenIdConnectDefaults.AuthenticationScheme);
        try
        {
            await options.ConfigurationManager!.GetConfigurationAsync(HttpContext.RequestAborted);
            return true;
        }
        catch (Exception ex) when (ex is InvalidOperationException or HttpRequestException or IOException)
        {
            logger.LogWarning(ex, "The sign-in service at {Authority} did not answer.", options.Authority);
            return false;
        }
    }
}
