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
    public async Task<IActionResult> Login(string? returnUrl, bool again = false)
    {
        if (!await SignInServiceAnswersAsync())
        {
            Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            return View("SignInUnavailable");
        }

        var target = Url.IsLocalUrl(returnUrl) ? returnUrl : "/";
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
    /// Asks the auth service for its discovery document now (not the copy cached at the last sign-in), briefly: a
    /// person should see the explanation page rather than be sent to a service that does not answer.
    /// </summary>
    private async Task<bool> SignInServiceAnswersAsync()
    {
        var options = oidc.Get(OpenIdConnectDefaults.AuthenticationScheme);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(HttpContext.RequestAborted);
        timeout.CancelAfter(TimeSpan.FromSeconds(10)); // a refused connection fails at once; this bounds a service that hangs
        try
        {
            using var response = await AskAsync(options, timeout.Token);
            if (response.IsSuccessStatusCode)
            {
                await options.ConfigurationManager!.GetConfigurationAsync(timeout.Token);
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

    /// <summary>One GET of the discovery document, tried a second time after a moment when the connection broke (a busy host).</summary>
    private static async Task<HttpResponseMessage> AskAsync(OpenIdConnectOptions options, CancellationToken ct)
    {
        try
        {
            return await options.Backchannel.GetAsync(options.MetadataAddress, HttpCompletionOption.ResponseHeadersRead, ct);
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(250), ct);
            return await options.Backchannel.GetAsync(options.MetadataAddress, HttpCompletionOption.ResponseHeadersRead, ct);
        }
    }
}
