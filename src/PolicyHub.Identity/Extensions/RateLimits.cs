using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace PolicyHub.Identity.Extensions;

/// <summary>
/// The auth service's request limits, each a named policy put on the endpoints it guards. Per account limits that
/// must survive a restart and hold across instances (the mails an address receives) live in <see cref="Features.Account.AccountMailThrottle"/>.
/// </summary>
public static class RateLimits
{
    /// <summary>Password, code and mail-sending forms: <see cref="AuthServerOptions.LoginAttemptsPerMinute"/> per client address.</summary>
    public const string Login = "login";

    /// <summary>The token endpoint: <see cref="AuthServerOptions.TokenRequestsPerMinute"/> per client id and address, so a wrong secret cannot be tried at speed.</summary>
    public const string Token = "token";

    public static IServiceCollection AddAuthRateLimits(this IServiceCollection services, AuthServerOptions authServer)
    {
        if (authServer.LoginAttemptsPerMinute < 1 || authServer.TokenRequestsPerMinute < 1)
        {
            throw new InvalidOperationException(
                $"AuthServer:LoginAttemptsPerMinute and AuthServer:TokenRequestsPerMinute must be at least 1 (they are {authServer.LoginAttemptsPerMinute} and {authServer.TokenRequestsPerMinute}).");
        }

        return services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.AddPolicy(Login, http => RateLimitPartition.GetFixedWindowLimiter(
                Address(http),
                _ => new FixedWindowRateLimiterOptions { PermitLimit = authServer.LoginAttemptsPerMinute, Window = TimeSpan.FromMinutes(1) }));
            o.AddPolicy(Token, http => RateLimitPartition.GetFixedWindowLimiter(
                $"{ClientId(http)}|{Address(http)}",
                _ => new FixedWindowRateLimiterOptions { PermitLimit = authServer.TokenRequestsPerMinute, Window = TimeSpan.FromMinutes(1) }));
            o.OnRejected = async (context, cancel) =>
            {
                var response = context.HttpContext.Response;
                if (context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter))
                {
                    response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
                }

                if (context.HttpContext.Request.Path.StartsWithSegments("/connect/token"))
                {
                    // OAuth clients read JSON errors from the token endpoint (RFC 6749 5.2), not an HTML page.
                    await response.WriteAsJsonAsync(new Dictionary<string, string>
                    {
                        [Parameters.Error] = "temporarily_unavailable",
                        [Parameters.ErrorDescription] = "Too many token requests from this client and address; try again after the Retry-After interval.",
                    }, cancel);
                }
            };
        });
    }

    private static string Address(HttpContext http) => http.Connection.RemoteIpAddress?.ToString() ?? "unknown";

    /// <summary>
    /// The client a token request names: HTTP Basic (client_secret_basic, RFC 6749 2.3.1) or the client_id field. The
    /// form was already read once, asynchronously, by the request input guard, so reading it here does not block.
    /// </summary>
    private static string ClientId(HttpContext http)
    {
        if (Clients.BasicCredentials.From(http.Request) is { } basic)
        {
            return basic.ClientId;
        }

        var fromForm = http.Request.HasFormContentType ? http.Request.Form[Parameters.ClientId].ToString() : string.Empty;
        return fromForm.Length is > 0 and <= 200 ? fromForm : "-";
    }
}
