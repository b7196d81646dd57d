using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using PolicyHub.Web.Extensions;

namespace PolicyHub.Web.Features.Api;

/// <summary>
/// The API accepts only access tokens of the auth service's client-credentials flow: signed by it (keys from its
/// discovery document), for the PolicyHub API audience, with the API scope. Browser cookies are never accepted on
/// API routes, so a forged cross-site request has nothing to ride on (and the API needs no antiforgery token).
/// </summary>
public static class ApiAuthentication
{
    public const string Scheme = JwtBearerDefaults.AuthenticationScheme;
    public const string Policy = "PolicyHubApi";
    public const string Scope = "policyhub_api";
    public const string Audience = "policyhub-api";

    public static AuthenticationBuilder AddPolicyHubApi(this AuthenticationBuilder authentication, OidcSettings oidc)
    {
        authentication.AddJwtBearer(Scheme, o =>
        {
            o.Authority = oidc.Authority;
            o.Audience = Audience;
            o.RequireHttpsMetadata = oidc.RequireHttpsMetadata;
            o.MapInboundClaims = false;
            o.TokenValidationParameters.NameClaimType = "name";
        });
        authentication.Services.AddAuthorizationBuilder().AddPolicy(Policy, p => p
            .AddAuthenticationSchemes(Scheme)
            .RequireAuthenticatedUser()
            .RequireAssertion(c => HasScope(c.User) && ClientIdOf(c.User) is not null));
        return authentication;
    }

    /// <summary>The machine client a token was issued to; null for a token issued to a person.</summary>
    public static string? ClientIdOf(ClaimsPrincipal user)
    {
        var client = user.FindFirst("client_id")?.Value;
        var subject = user.FindFirst("sub")?.Value;
        // Client credentials: the auth service makes the client its own subject. A person's token names someone else.
        return client is not null && (subject is null || subject == client) ? client : null;
    }

    private static bool HasScope(ClaimsPrincipal user)
        => user.FindAll("scope").SelectMany(c => c.Value.Split(' ', StringSplitOptions.RemoveEmptyEntries)).Contains(Scope, StringComparer.Ordinal);
}
