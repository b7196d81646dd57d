using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace PolicyHub.IntegrationTests;

/// <summary>The auth service as any standard OpenID Connect client sees it, with raw HTTP and no PolicyHub code.</summary>
public sealed class OidcProtocolTests(LiveServersFixture fixture) : IClassFixture<LiveServersFixture>
{
    private LiveServers Servers => fixture.Servers;

    [Fact]
    public async Task Discovery_Document_AdvertisesCodeFlowWithS256AndClientCredentials()
    {
        using var http = new HttpClient();

        var discovery = await GetJsonAsync(http, $"{Servers.IdentityUrl}/.well-known/openid-configuration");

        Assert.Equal($"{Servers.IdentityUrl}/", discovery.GetProperty("issuer").GetString());
        Assert.Equal(["S256"], Strings(discovery, "code_challenge_methods_supported"));
        Assert.Contains("authorization_code", Strings(discovery, "grant_types_supported"));
        Assert.Contains("client_credentials", Strings(discovery, "grant_types_supported"));
        Assert.Contains("refresh_token", Strings(discovery, "grant_types_supported"));
        Assert.Equal($"{Servers.IdentityUrl}/connect/endsession", discovery.GetProperty("end_session_endpoint").GetString());
        Assert.Equal($"{Servers.IdentityUrl}/.well-known/jwks", discovery.GetProperty("jwks_uri").GetString());
    }

    [Fact]
    public async Task Jwks_PublishesAPublicSigningKeyOnly()
    {
        using var http = new HttpClient();

        var jwks = new JsonWebKeySet(await http.GetStringAsync($"{Servers.IdentityUrl}/.well-known/jwks"));

        var key = Assert.Single(jwks.Keys);
        Assert.Equal("sig", key.Use);
        Assert.Equal("RSA", key.Kty);
        Assert.True(string.IsNullOrEmpty(key.D), "The JWKS must never contain private key material.");
    }

    [Fact]
    public async Task ClientCredentials_MachineClient_GetsAnAccessTokenThatVerifiesWithTheJwks()
    {
        using var http = new HttpClient();

        using var response = await http.PostAsync($"{Servers.IdentityUrl}/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = LiveServers.MachineClientId,
            ["client_secret"] = Servers.MachineSecret,
            ["scope"] = "policyhub_api",
        }));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        var validation = await ValidateAsync(http, body.GetProperty("access_token").GetString()!);
        Assert.True(validation.IsValid, validation.Exception?.Message);
        Assert.Equal(LiveServers.MachineClientId, validation.Claims["sub"]);
        Assert.Contains("policyhub-api", AudiencesOf(validation));
    }

    [Fact]
    public async Task ClientCredentials_WrongSecret_IsRejected()
    {
        using var http = new HttpClient();

        using var response = await http.PostAsync($"{Servers.IdentityUrl}/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = LiveServers.MachineClientId,
            ["client_secret"] = "not-the-secret",
        }));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("invalid_client", JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("error").GetString());
    }

    [Fact]
    public async Task AuthorizationCode_ForeignPublicClientWithPkce_GetsTokensRefreshesAndReadsUserInfo()
    {
        using var browser = LiveServers.NewBrowser();
        var email = await fixture.CreateConfirmedAccountAsync("Otto Other");
        await fixture.SignInAtIdentityAsync(browser, email);
        var verifier = Base64Url(RandomNumberGenerator.GetBytes(32));
        var challenge = Base64Url(SHA256.HashData(Encoding.ASCII.GetBytes(verifier)));

        using var authorize = await browser.Http.GetAsync(AuthorizeUrl(challenge, "openid profile email offline_access"));

        Assert.Equal(HttpStatusCode.Redirect, authorize.StatusCode);
        var location = authorize.Headers.Location!;
        Assert.StartsWith(Servers.ForeignRedirectUri, location.ToString(), StringComparison.Ordinal);
        var query = QueryHelpers.ParseQuery(location.Query);
        Assert.Equal("xyz", query["state"].ToString());

        using var http = new HttpClient();
        var tokens = await TokenAsync(http, new()
        {
            ["grant_type"] = "authorization_code",
            ["client_id"] = LiveServers.ForeignClientId,
            ["code"] = query["code"].ToString(),
            ["redirect_uri"] = Servers.ForeignRedirectUri,
            ["code_verifier"] = verifier,
        });
        var idToken = await ValidateAsync(http, tokens.GetProperty("id_token").GetString()!, LiveServers.ForeignClientId);
        Assert.True(idToken.IsValid, idToken.Exception?.Message);
        Assert.Equal(email, idToken.Claims["email"]);
        Assert.Equal("Otto Other", idToken.Claims["name"]);

        var refreshed = await TokenAsync(http, new()
        {
            ["grant_type"] = "refresh_token",
            ["client_id"] = LiveServers.ForeignClientId,
            ["refresh_token"] = tokens.GetProperty("refresh_token").GetString()!,
        });

        using var userInfo = new HttpRequestMessage(HttpMethod.Get, $"{Servers.IdentityUrl}/connect/userinfo");
        userInfo.Headers.Authorization = new AuthenticationHeaderValue("Bearer", refreshed.GetProperty("access_token").GetString());
        using var userInfoResponse = await http.SendAsync(userInfo);
        var claims = JsonDocument.Parse(await userInfoResponse.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(email, claims.GetProperty("email").GetString());
        Assert.True(claims.GetProperty("email_verified").GetBoolean());
    }

    [Fact]
    public async Task AuthorizationCode_WrongCodeVerifier_IsRejected()
    {
        using var browser = LiveServers.NewBrowser();
        var email = await fixture.CreateConfirmedAccountAsync("Vera Verifier");
        await fixture.SignInAtIdentityAsync(browser, email);
        var verifier = Base64Url(RandomNumberGenerator.GetBytes(32));
        using var authorize = await browser.Http.GetAsync(AuthorizeUrl(Base64Url(SHA256.HashData(Encoding.ASCII.GetBytes(verifier))), "openid"));
        var code = QueryHelpers.ParseQuery(authorize.Headers.Location!.Query)["code"].ToString();
        using var http = new HttpClient();

        using var response = await http.PostAsync($"{Servers.IdentityUrl}/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "authorization_code",
            ["client_id"] = LiveServers.ForeignClientId,
            ["code"] = code,
            ["redirect_uri"] = Servers.ForeignRedirectUri,
            ["code_verifier"] = Base64Url(RandomNumberGenerator.GetBytes(32)),
        }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("invalid_grant", JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("error").GetString());
    }

    [Fact]
    public async Task Authorize_WithoutPkce_IsRefused()
    {
        using var browser = LiveServers.NewBrowser();

        using var response = await browser.Http.GetAsync(
            $"{Servers.IdentityUrl}/connect/authorize?client_id={LiveServers.ForeignClientId}&redirect_uri={Uri.EscapeDataString(Servers.ForeignRedirectUri)}&response_type=code&scope=openid&state=xyz");

        // PKCE is required for every client: no code is issued and nothing is redirected.
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Null(response.Headers.Location);
    }

    [Theory]
    [InlineData("&code_challenge_method=plain")]
    [InlineData("")]
    public async Task Authorize_PkcePlainOrWithoutMethod_IsRefused(string method)
    {
        using var browser = LiveServers.NewBrowser();
        await fixture.SignInAtIdentityAsync(browser, await fixture.CreateConfirmedAccountAsync("Paula Plain"));

        using var response = await browser.Http.GetAsync(
            $"{Servers.IdentityUrl}/connect/authorize?client_id={LiveServers.ForeignClientId}&redirect_uri={Uri.EscapeDataString(Servers.ForeignRedirectUri)}&response_type=code&scope=openid&state=xyz" +
            $"&code_challenge=abcdefghijklmnopqrstuvwxyzabcdefghijklmnopq{method}");

        // Refused with an error (to the client, as the protocol says, or on the page): never a code.
        var location = response.Headers.Location?.ToString() ?? string.Empty;
        Assert.DoesNotContain("code=", location, StringComparison.Ordinal);
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest || location.Contains("error=invalid_request", StringComparison.Ordinal), $"{(int)response.StatusCode} {location}");
    }

    [Fact]
    public async Task Authorize_UnregisteredRedirectUri_IsRefusedWithoutRedirecting()
    {
        using var browser = LiveServers.NewBrowser();

        using var response = await browser.Http.GetAsync(
            $"{Servers.IdentityUrl}/connect/authorize?client_id={LiveServers.ForeignClientId}&redirect_uri={Uri.EscapeDataString("https://evil.example/callback")}&response_type=code&scope=openid&code_challenge=abcdefghijklmnopqrstuvwxyzabcdefghijklmnopq&code_challenge_method=S256");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Null(response.Headers.Location);
    }

    private string AuthorizeUrl(string challenge, string scope)
        => $"{Servers.IdentityUrl}/connect/authorize?client_id={LiveServers.ForeignClientId}" +
           $"&redirect_uri={Uri.EscapeDataString(Servers.ForeignRedirectUri)}&response_type=code&scope={Uri.EscapeDataString(scope)}" +
           $"&state=xyz&nonce=n-0S6_WzA2Mj&code_challenge={challenge}&code_challenge_method=S256";

    private async Task<JsonElement> TokenAsync(HttpClient http, Dictionary<string, string> form)
    {
        using var response = await http.PostAsync($"{Servers.IdentityUrl}/connect/token", new FormUrlEncodedContent(form));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, body);
        return JsonDocument.Parse(body).RootElement;
    }

    private async Task<TokenValidationResult> ValidateAsync(HttpClient http, string token, string? audience = null)
    {
        var jwks = new JsonWebKeySet(await http.GetStringAsync($"{Servers.IdentityUrl}/.well-known/jwks"));
        return await new JsonWebTokenHandler().ValidateTokenAsync(token, new TokenValidationParameters
        {
            ValidIssuer = $"{Servers.IdentityUrl}/",
            IssuerSigningKeys = jwks.Keys,
            ValidateAudience = audience is not null,
            ValidAudience = audience,
        });
    }

    private static IEnumerable<string> AudiencesOf(TokenValidationResult result) => result.Claims["aud"] switch
    {
        string one => [one],
        IEnumerable<object> many => many.Select(a => a.ToString()!),
        var other => [other.ToString()!],
    };

    private static async Task<JsonElement> GetJsonAsync(HttpClient http, string url)
        => JsonDocument.Parse(await http.GetStringAsync(url)).RootElement;

    private static List<string> Strings(JsonElement element, string property)
        => element.GetProperty(property).EnumerateArray().Select(e => e.GetString()!).ToList();

    private static string Base64Url(byte[] bytes) => WebEncoders.Base64UrlEncode(bytes);
}
