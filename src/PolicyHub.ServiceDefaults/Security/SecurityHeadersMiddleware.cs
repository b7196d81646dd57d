using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace PolicyHub.ServiceDefaults.Security;

public sealed class SecurityHeadersOptions
{
    /// <summary>
    /// Origins a form on this site may lead to. Browsers apply form-action to the redirects after a form post,
    /// so the sign-in flow's other party (the auth service, or the registered client apps) must be listed.
    /// </summary>
    public List<string> FormActionOrigins { get; set; } = [];
}

/// <summary>CSP without inline script or style, no framing, no sniffing, a strict referrer policy.</summary>
public sealed class SecurityHeadersMiddleware(RequestDelegate next, IOptions<SecurityHeadersOptions> options)
{
    public Task InvokeAsync(HttpContext context)
    {
        var formAction = string.Join(' ', ["'self'", .. options.Value.FormActionOrigins]);
        var csp = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; " +
                  $"connect-src 'self'; object-src 'none'; base-uri 'self'; form-action {formAction}; frame-ancestors 'none'";
        context.Response.OnStarting(() =>
        {
            var headers = context.Response.Headers;
            headers.ContentSecurityPolicy = csp;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
            headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=(), payment=()";
            headers["Cross-Origin-Opener-Policy"] = "same-origin";
            // Pages, exports, receipts, PDFs and API answers carry names, emails and IP addresses: no browser or proxy
            // keeps a copy. Only the static files (scripts, styles, fonts — nobody's data) may be cached.
            if (!IsStaticFile(context))
            {
                headers.CacheControl = "no-store";
                headers.Pragma = "no-cache";
            }

            return Task.CompletedTask;
        });
        return next(context);
    }

    /// <summary>A file served by the static files middleware (it sets an ETag and Last-Modified, and no endpoint ran).</summary>
    private static bool IsStaticFile(HttpContext context)
        => context.GetEndpoint() is null && context.Response.Headers.ContainsKey("ETag") && context.Response.Headers.ContainsKey("Last-Modified");
}
