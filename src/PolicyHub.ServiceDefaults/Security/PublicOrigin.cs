using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace PolicyHub.ServiceDefaults.Security;

/// <summary>The "PublicUrl" setting: the address people open this service at (scheme, host, port, optional path).</summary>
public sealed class PublicOriginOptions
{
    public const string Key = "PublicUrl";

    public string? PublicUrl { get; set; }

    public static bool IsValid(string? url)
        => Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" && string.IsNullOrEmpty(uri.Query) && string.IsNullOrEmpty(uri.Fragment);
}

/// <summary>
/// Where every absolute link of a service points — in emails (confirmation, reset, invitation, reminders), the
/// issuer, the API's address on its page: the configured public address, never the request's Host header (which
/// the sender of a request chooses: a reset link requested with "Host: attacker.example" must not lead there).
/// Outside Development the service refuses to start without it; in Development, without it, links follow the
/// request, so a plain <c>dotnet run</c> on any loopback port keeps working.
/// </summary>
public sealed class PublicOrigin(IOptions<PublicOriginOptions> options)
{
    private readonly Uri? _configured = PublicOriginOptions.IsValid(options.Value.PublicUrl) ? new Uri(options.Value.PublicUrl!.TrimEnd('/') + "/") : null;

    /// <summary>The configured address, if any (ends with "/").</summary>
    public Uri? Configured => _configured;

    /// <summary>The absolute address of a path of this service (a path as Url.Action returns it, starting with "/").</summary>
    public string Link(HttpRequest request, string path)
    {
        var origin = _configured ?? new Uri($"{request.Scheme}://{request.Host}{request.PathBase}/");
        return new Uri(origin, path.TrimStart('/')).ToString();
    }

    /// <summary>The service's own address without a trailing slash, for links built from it.</summary>
    public string Root(HttpRequest request) => Link(request, "/").TrimEnd('/');
}
