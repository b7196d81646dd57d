using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
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
    public async Task<IActionResult> Login(string? returnUrl, bool again = false)
    {
        if (!await SignInServiceAnswersAsync())
        {
            Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            return View("SignInUnavailable");
        }

        var target = ServiceDefaults.Security.LocalUrl.Normalize(returnUrl);
        var properties = new AuthenticationProperties { RedirectUri = target };
        if (again)
        {
            properties.Items[SignInFailures.RetryItem] = "1";
        }

        return Challenge(properties, OpenIdConnectDefaults.AuthenticationScheme);
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

    /// <summary>
    /// Asks the auth service for its discovery document now (not the copy cached at the last sign-in): a person
    /// should see the explanation page rather than be sent to a service that does not answer. A stopped service
    /// refuses at once; one that hangs is given the back-channel timeout the sign-in itself would get (a cold
    /// auth service on a busy host can take seconds to answer its first request).
    /// </summary>
    private async Task<bool> SignInServiceAnswersAsync()
    {
        var options = oidc.Get(OpenIdConnectDefaults.AuthenticationScheme);
        var ct = HttpContext.RequestAborted;
        try
        {
            using var response = await options.Backchannel.GetAsync(options.MetadataAddress, HttpCompletionOption.ResponseHeadersRead, ct);
            if (response.IsSuccessStatusCode)
            {
                await options.ConfigurationManager!.GetConfigurationAsync(ct);
                return true;
            }

            logger.LogWarning("The sign-in service at {Authority} answered {Status}.", options.Authority, (int)response.StatusCode);
            return false;
        }
        catch (Exception ex) when (ex is InvalidOperationException or HttpRequestException or IOException or OperationCanceledException && !HttpContext.RequestAborted.IsCancellationRequested)
        {
            logger.LogWarning(ex, "The sign-in service at {Authority} did not answer.", options.Authority);
            return false;
        }
    }
}
