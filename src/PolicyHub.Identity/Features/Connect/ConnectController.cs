using System.Collections.Immutable;
using System.Security.Claims;
using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.IdentityModel.Tokens;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using PolicyHub.Data.Identity;
using PolicyHub.ServiceDefaults.Localization;
using static OpenIddict.Abstractions.OpenIddictConstants;
using OidcErrors = OpenIddict.Abstractions.OpenIddictConstants.Errors;

namespace PolicyHub.Identity.Features.Connect;

/// <summary>
/// The OpenID Connect endpoints in passthrough mode: OpenIddict validates the protocol, this controller decides
/// who is signed in and which claims go into which token.
/// </summary>
public sealed class ConnectController(
    IOpenIddictApplicationManager applications,
    IOpenIddictAuthorizationManager authorizations,
    IOpenIddictScopeManager scopes,
    UserManager<ApplicationUser> users,
    SignInManager<ApplicationUser> signIn) : Controller
{
    [HttpGet("~/connect/authorize")]
    [HttpPost("~/connect/authorize")]
    [IgnoreAntiforgeryToken]
    public async Task<IActionResult> Authorize()
    {
        var request = HttpContext.GetOpenIddictServerRequest() ?? throw new InvalidOperationException("Not an OpenID Connect request.");

        // The client's language wish (ui_locales) becomes this site's language for the sign-in pages.
        var uiLocale = request.GetParameter(Parameters.UiLocales)?.ToString()?.Split(' ').FirstOrDefault(Cultures.IsSupported);
        if (uiLocale is not null)
        {
            Cultures.Remember(Response, uiLocale);
        }

        var result = await HttpContext.AuthenticateAsync(IdentityConstants.ApplicationScheme);
        var mustReauthenticate = request.HasPromptValue(PromptValues.Login) ||
            (request.MaxAge is { } maxAge && result.Properties?.IssuedUtc is { } issued && DateTimeOffset.UtcNow - issued > TimeSpan.FromSeconds(maxAge));
        if (!result.Succeeded || mustReauthenticate)
        {
            if (request.HasPromptValue(PromptValues.None))
            {
                return Forbid(Error(OidcErrors.LoginRequired, "The user is not signed in."));
            }

            // Ask for a fresh sign-in, then come back without prompt=login (or it would loop).
            var parameters = Request.HasFormContentType ? Request.Form.Where(p => p.Key != Parameters.Prompt).ToList() : Request.Query.Where(p => p.Key != Parameters.Prompt).ToList();
            if (mustReauthenticate)
            {
                await signIn.SignOutAsync();
            }

            return Challenge(new AuthenticationProperties { RedirectUri = Request.PathBase + Request.Path + QueryString.Create(parameters) },
                IdentityConstants.ApplicationScheme);
        }

        var user = await users.GetUserAsync(result.Principal!);
        if (user is null)
        {
            return Challenge(new AuthenticationProperties { RedirectUri = Request.PathBase + Request.Path + Request.QueryString }, IdentityConstants.ApplicationScheme);
        }

        var application = await applications.FindByClientIdAsync(request.ClientId!) ?? throw new InvalidOperationException("Unknown client.");
        var applicationId = await applications.GetIdAsync(application);
        var subject = await users.GetUserIdAsync(user);

        // Every registered client is a trusted first-party or operator-registered application (implicit consent):
        // the permanent authorization lets refresh tokens be tied to it and revoked with it.
        var existing = new List<object>();
        await foreach (var authorization in authorizations.FindAsync(subject, applicationId, Statuses.Valid, AuthorizationTypes.Permanent, request.GetScopes()))
        {
            existing.Add(authorization);
        }

        var identity = await CreateIdentityAsync(user, request.GetScopes());
        var stored = existing.LastOrDefault() ?? await authorizations.CreateAsync(identity, subject, applicationId!, AuthorizationTypes.Permanent, identity.GetScopes());
        identity.SetAuthorizationId(await authorizations.GetIdAsync(stored));
        return SignIn(new ClaimsPrincipal(identity), OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
    }

    [HttpPost("~/connect/token")]
    [IgnoreAntiforgeryToken]
    [EnableRateLimiting(Extensions.RateLimits.Token)]
    [Produces("application/json")]
    public async Task<IActionResult> Token()
    {
        var request = HttpContext.GetOpenIddictServerRequest() ?? throw new InvalidOperationException("Not an OpenID Connect request.");

        if (request.IsClientCredentialsGrantType())
        {
            // A machine client: the subject is the client itself.
            var application = await applications.FindByClientIdAsync(request.ClientId!) ?? throw new InvalidOperationException("Unknown client.");
            var identity = new ClaimsIdentity(TokenValidationParameters.DefaultAuthenticationType, Claims.Name, Claims.Role);
            identity.SetClaim(Claims.Subject, await applications.GetClientIdAsync(application));
            identity.SetClaim(Claims.Name, await applications.GetDisplayNameAsync(application));
            identity.SetScopes(request.GetScopes());
            identity.SetResources(await ToListAsync(scopes.ListResourcesAsync(identity.GetScopes())));
            identity.SetDestinations(_ => [Destinations.AccessToken]);
            return SignIn(new ClaimsPrincipal(identity), OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
        }

        if (request.IsAuthorizationCodeGrantType() || request.IsRefreshTokenGrantType())
        {
            var result = await HttpContext.AuthenticateAsync(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
            var user = await users.FindByIdAsync(result.Principal!.GetClaim(Claims.Subject)!);
            // Refuse if the account was removed, or locked since the code or refresh token was issued.
            if (user is null || !await signIn.CanSignInAsync(user) || await users.IsLockedOutAsync(user))
            {
                return Forbid(Error(OidcErrors.InvalidGrant, "The account can no longer sign in."));
            }

            var identity = await CreateIdentityAsync(user, result.Principal!.GetScopes());
            identity.SetAuthorizationId(result.Principal!.GetAuthorizationId());
            return SignIn(new ClaimsPrincipal(identity), OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
        }

        return Forbid(Error(OidcErrors.UnsupportedGrantType, "The grant type is not supported."));
    }

    [Authorize(AuthenticationSchemes = OpenIddictServerAspNetCoreDefaults.AuthenticationScheme)]
    [HttpGet("~/connect/userinfo")]
    [HttpPost("~/connect/userinfo")]
    [IgnoreAntiforgeryToken]
    [Produces("application/json")]
    public async Task<IActionResult> UserInfo()
    {
        var user = await users.FindByIdAsync(User.GetClaim(Claims.Subject)!);
        if (user is null)
        {
            return Challenge(new AuthenticationProperties(new Dictionary<string, string?>
            {
                [OpenIddictServerAspNetCoreConstants.Properties.Error] = OidcErrors.InvalidToken,
            }), OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
        }

        var claims = new Dictionary<string, object>(StringComparer.Ordinal) { [Claims.Subject] = user.Id };
        if (User.HasScope(Scopes.Profile))
        {
            claims[Claims.Name] = user.DisplayName;
            claims[Claims.PreferredUsername] = user.UserName!;
        }

        if (User.HasScope(Scopes.Email))
        {
            claims[Claims.Email] = user.Email!;
            claims[Claims.EmailVerified] = user.EmailConfirmed;
        }

        return Ok(claims);
    }

    /// <summary>
    /// RP-initiated sign-out. With a valid id_token_hint for the signed-in person (the Web app's sign-out POST
    /// leads here) the sign-out completes; otherwise the person confirms with a POST.
    /// </summary>
    [HttpGet("~/connect/endsession")]
    public async Task<IActionResult> EndSession()
    {
        var hint = await HttpContext.AuthenticateAsync(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
        var current = await HttpContext.AuthenticateAsync(IdentityConstants.ApplicationScheme);
        var hintSubject = hint.Principal?.GetClaim(Claims.Subject);
        var currentSubject = current.Principal?.GetClaim(Claims.Subject);
        if (currentSubject is null || (hintSubject is not null && hintSubject == currentSubject))
        {
            return await CompleteSignOutAsync();
        }

        return View();
    }

    [HttpPost("~/connect/endsession")]
    [ActionName(nameof(EndSession))]
    public Task<IActionResult> EndSessionConfirmed() => CompleteSignOutAsync();

    private async Task<IActionResult> CompleteSignOutAsync()
    {
        await signIn.SignOutAsync();
        // OpenIddict redirects to the validated post_logout_redirect_uri (or shows nothing if none was given).
        return SignOut(new AuthenticationProperties { RedirectUri = "/" }, OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
    }

    private async Task<ClaimsIdentity> CreateIdentityAsync(ApplicationUser user, ImmutableArray<string> requestedScopes)
    {
        var identity = new ClaimsIdentity(TokenValidationParameters.DefaultAuthenticationType, Claims.Name, Claims.Role);
        identity.SetClaim(Claims.Subject, await users.GetUserIdAsync(user))
            .SetClaim(Claims.Email, user.Email)
            .SetClaim(Claims.EmailVerified, user.EmailConfirmed)
            .SetClaim(Claims.Name, user.DisplayName)
            .SetClaim(Claims.PreferredUsername, user.UserName)
            .SetClaims(Claims.Role, [.. await users.GetRolesAsync(user)]);
        identity.SetScopes(requestedScopes);
        identity.SetResources(await ToListAsync(scopes.ListResourcesAsync(identity.GetScopes())));
        identity.SetDestinations(claim => DestinationsFor(claim, identity));
        return identity;
    }

    /// <summary>A claim reaches a token only if its scope was granted (a claim without destinations goes nowhere).</summary>
    private static IEnumerable<string> DestinationsFor(Claim claim, ClaimsIdentity identity)
    {
        switch (claim.Type)
        {
            case Claims.Subject:
                yield return OpenIddictConstants.Destinations.AccessToken;
                yield return OpenIddictConstants.Destinations.IdentityToken;
                yield break;
            case Claims.Name or Claims.PreferredUsername when identity.HasScope(Scopes.Profile):
            case Claims.Email or Claims.EmailVerified when identity.HasScope(Scopes.Email):
            case Claims.Role when identity.HasScope(Scopes.Roles):
                yield return OpenIddictConstants.Destinations.AccessToken;
                yield return OpenIddictConstants.Destinations.IdentityToken;
                yield break;
            default:
                yield break;
        }
    }

    private static AuthenticationProperties Error(string error, string description) => new(new Dictionary<string, string?>
    {
        [OpenIddictServerAspNetCoreConstants.Properties.Error] = error,
        [OpenIddictServerAspNetCoreConstants.Properties.ErrorDescription] = description,
    });

    private static async Task<List<string>> ToListAsync(IAsyncEnumerable<string> source)
    {
        var list = new List<string>();
        await foreach (var item in source)
        {
            list.Add(item);
        }

        return list;
    }

    private new ForbidResult Forbid(AuthenticationProperties properties)
        => base.Forbid(properties, OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
}
