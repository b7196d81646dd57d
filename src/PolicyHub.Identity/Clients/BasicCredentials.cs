using System.Net.Http.Headers;
using System.Text;

namespace PolicyHub.Identity.Clients;

/// <summary>Client credentials sent as HTTP Basic, encoded as RFC 6749 2.3.1 says (each part form-urlencoded, then Base64).</summary>
public sealed record BasicCredentials(string ClientId, string ClientSecret)
{
    /// <summary>The credentials of the request's Authorization header, or null when it has none or they are malformed.</summary>
    public static BasicCredentials? From(HttpRequest request)
    {
        if (!AuthenticationHeaderValue.TryParse(request.Headers.Authorization, out var header)
            || !string.Equals(header.Scheme, "Basic", StringComparison.OrdinalIgnoreCase) || header.Parameter is not { Length: <= 2048 } parameter)
        {
            return null;
        }

        try
        {
            var pair = Encoding.UTF8.GetString(Convert.FromBase64String(parameter));
            var colon = pair.IndexOf(':', StringComparison.Ordinal);
            return colon > 0 ? new BasicCredentials(Unescape(pair[..colon]), Unescape(pair[(colon + 1)..])) : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }

    /// <summary>The Authorization header value for these credentials.</summary>
    public string Header() => Convert.ToBase64String(Encoding.UTF8.GetBytes($"{Escape(ClientId)}:{Escape(ClientSecret)}"));

    private static string Escape(string value) => Uri.EscapeDataString(value).Replace("%20", "+", StringComparison.Ordinal);

    private static string Unescape(string value) => Uri.UnescapeDataString(value.Replace('+', ' '));
}
