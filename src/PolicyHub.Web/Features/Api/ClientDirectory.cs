using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Options;
using PolicyHub.Web.Extensions;

namespace PolicyHub.Web.Features.Api;

/// <summary>What the auth service says about a client id an administrator wants to allow.</summary>
public enum ClientKind
{
    /// <summary>A machine client: client credentials, no redirect addresses. Only these may be allowed.</summary>
    Machine,

    /// <summary>A client that signs people in (it has redirect addresses, or no client credentials).</summary>
    Interactive,

    /// <summary>The auth service has no client with this id.</summary>
    Unknown,

    /// <summary>The auth service did not answer, or refused PolicyHub's own credentials: nothing can be decided.</summary>
    Unavailable,
}

/// <summary>The answer: the kind and the client id as the auth service spells it.</summary>
public sealed record ClientLookup(ClientKind Kind, string? ClientId = null);

/// <summary>
/// Asks the auth service's client directory (<c>GET {authority}/clients/{id}</c>, authenticated with PolicyHub's own
/// client credentials as HTTP Basic) whether a client id belongs to a machine client. Needs Oidc:ClientSecret and the
/// directory permission for PolicyHub's client at the auth service (AuthServer:Clients:N:ClientDirectory).
/// </summary>
public sealed class ClientDirectory(HttpClient http, IOptions<OidcSettings> options, ILogger<ClientDirectory> logger)
{
    public async Task<ClientLookup> FindAsync(string clientId, CancellationToken cancellationToken)
    {
        var oidc = options.Value;
        if (string.IsNullOrEmpty(oidc.ClientSecret))
        {
            logger.LogWarning("API clients cannot be checked: Oidc:ClientSecret is not configured, so PolicyHub cannot authenticate to the client directory.");
            return new ClientLookup(ClientKind.Unavailable);
        }

        using var request = new HttpRequestMessage(HttpMethod.Get, $"{oidc.Authority.TrimEnd('/')}/clients/{Uri.EscapeDataString(clientId)}");
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic",
            Convert.ToBase64String(Encoding.UTF8.GetBytes($"{FormEncode(oidc.ClientId)}:{FormEncode(oidc.ClientSecret)}")));
        try
        {
            using var response = await http.SendAsync(request, cancellationToken);
            if (response.StatusCode == HttpStatusCode.NotFound)
            {
                return new ClientLookup(ClientKind.Unknown);
            }

            if (!response.IsSuccessStatusCode)
            {
                logger.LogWarning("The client directory answered {Status}: is AuthServer:Clients:N:ClientDirectory set for {ClientId}?", (int)response.StatusCode, oidc.ClientId);
                return new ClientLookup(ClientKind.Unavailable);
            }

            var entry = await response.Content.ReadFromJsonAsync<Entry>(cancellationToken);
            return entry?.ClientId is null ? new ClientLookup(ClientKind.Unavailable)
                : new ClientLookup(entry.Machine ? ClientKind.Machine : ClientKind.Interactive, entry.ClientId);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or System.Text.Json.JsonException && !cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning(e, "The client directory of the auth service could not be reached.");
            return new ClientLookup(ClientKind.Unavailable);
        }
    }

    /// <summary>RFC 6749 2.3.1: each part is form-urlencoded before the Basic encoding.</summary>
    private static string FormEncode(string value) => Uri.EscapeDataString(value).Replace("%20", "+", StringComparison.Ordinal);

    private sealed record Entry([property: JsonPropertyName("client_id")] string? ClientId, [property: JsonPropertyName("machine")] bool Machine);
}
