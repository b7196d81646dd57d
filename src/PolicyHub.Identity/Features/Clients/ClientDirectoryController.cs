using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using OpenIddict.Abstractions;
using PolicyHub.Identity.Clients;
using PolicyHub.Identity.Extensions;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace PolicyHub.Identity.Features.Clients;

/// <summary>What the directory tells about one client: whether it is a machine client (client credentials, no redirect addresses).</summary>
public sealed record ClientDirectoryEntry(
    [property: System.Text.Json.Serialization.JsonPropertyName("client_id")] string ClientId,
    [property: System.Text.Json.Serialization.JsonPropertyName("display_name")] string? DisplayName,
    [property: System.Text.Json.Serialization.JsonPropertyName("machine")] bool Machine);

/// <summary>
/// The client directory, for PolicyHub's Web app only: before an administrator allows an API client, the Web app asks
/// here whether the auth service knows that client id as a machine client. The caller authenticates with its own client
/// credentials (HTTP Basic, as at the token endpoint) and needs the directory permission (<c>AuthServer:Clients:N:ClientDirectory</c>).
/// </summary>
[ApiController]
[Route("clients")]
[IgnoreAntiforgeryToken] // client credentials in a header, never a cookie
[EnableRateLimiting(RateLimits.Token)]
public sealed class ClientDirectoryController(IOpenIddictApplicationManager applications) : ControllerBase
{
    [HttpGet("{clientId}")]
    public async Task<IActionResult> Find(string clientId)
    {
        var ct = HttpContext.RequestAborted;
        Response.Headers.CacheControl = "no-store";
        var caller = BasicCredentials.From(Request);
        var application = caller is null ? null : await applications.FindByClientIdAsync(caller.ClientId, ct);
        if (application is null
            || !await applications.HasClientTypeAsync(application, ClientTypes.Confidential, ct)
            || !await applications.ValidateClientSecretAsync(application, caller!.ClientSecret, ct))
        {
            Response.Headers.WWWAuthenticate = "Basic realm=\"PolicyHub client directory\", charset=\"UTF-8\"";
            return Unauthorized(new Dictionary<string, string> { [Parameters.Error] = OpenIddictConstants.Errors.InvalidClient });
        }

        if (!await applications.HasPermissionAsync(application, ClientRegistrar.ClientDirectoryPermission, ct))
        {
            return StatusCode(StatusCodes.Status403Forbidden, new Dictionary<string, string> { [Parameters.Error] = OpenIddictConstants.Errors.UnauthorizedClient });
        }

        var target = clientId.Length <= 200 ? await applications.FindByClientIdAsync(clientId, ct) : null;
        if (target is null)
        {
            return NotFound(new Dictionary<string, string> { [Parameters.Error] = "unknown_client" });
        }

        var machine = (await applications.GetRedirectUrisAsync(target, ct)).IsEmpty
            && await applications.HasClientTypeAsync(target, ClientTypes.Confidential, ct)
            && await applications.HasPermissionAsync(target, Permissions.GrantTypes.ClientCredentials, ct);
        return Ok(new ClientDirectoryEntry((await applications.GetClientIdAsync(target, ct))!, await applications.GetDisplayNameAsync(target, ct), machine));
    }
}
