using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using PolicyHub.Data.Identity;

namespace PolicyHub.IntegrationTests;

/// <summary>The auth service's limits: token requests per client and address, account mails per address.</summary>
public sealed class AuthRateLimitTests : IAsyncLifetime
{
    private const int TokenRequestsPerMinute = 5;
    private const int AccountEmailsPerHour = 2;
    private readonly LiveServersFixture _fixture = new();

    public Task InitializeAsync() => _fixture.InitializeAsync(o =>
    {
        o.Identity["AuthServer:TokenRequestsPerMinute"] = $"{TokenRequestsPerMinute}";
        o.Identity["AuthServer:AccountEmailsPerHour"] = $"{AccountEmailsPerHour}";
    });

    public Task DisposeAsync() => _fixture.DisposeAsync();

    private LiveServers Servers => _fixture.Servers;

    [Fact]
    public async Task TokenEndpoint_WrongClientSecrets_AreThrottledPerClientAndAddress()
    {
        using var http = new HttpClient();
        for (var attempt = 0; attempt < TokenRequestsPerMinute; attempt++)
        {
            using var wrong = await ClientCredentialsAsync(http, LiveServers.MachineClientId, $"wrong-secret-{attempt}");
            Assert.Equal("invalid_client", await ErrorAsync(wrong));
        }

        // The limit is reached: even the right secret waits now, with a JSON error an OAuth client can read and a Retry-After.
        using var throttled = await ClientCredentialsAsync(http, LiveServers.MachineClientId, Servers.MachineSecret);
        Assert.Equal(HttpStatusCode.TooManyRequests, throttled.StatusCode);
        Assert.Equal("application/json", throttled.Content.Headers.ContentType?.MediaType);
        Assert.Equal("temporarily_unavailable", await ErrorAsync(throttled));
        Assert.True(throttled.Headers.RetryAfter?.Delta > TimeSpan.Zero, "A throttled token request says when to try again.");

        // Another client from the same address is not held up by this one's failures.
        using var other = await ClientCredentialsAsync(http, "some-other-client", "its-secret");
        Assert.NotEqual(HttpStatusCode.TooManyRequests, other.StatusCode);
        Assert.Equal("invalid_client", await ErrorAsync(other));
    }

    [Fact]
    public async Task ForgotPassword_RepeatedForOneAccount_SendsNoMoreThanTheHourlyLimit()
    {
        var email = await _fixture.CreateConfirmedAccountAsync("Maja Mailbox");
        using var browser = LiveServers.NewBrowser();
        for (var request = 0; request < AccountEmailsPerHour + 3; request++)
        {
            var forgot = await browser.GetAsync($"{Servers.IdentityUrl}/account/forgot-password");
            // Case does not make a second mailbox: the count is per account, whatever spelling was typed.
            var typed = request % 2 == 0 ? email : email.ToUpperInvariant();
            var answer = await browser.SubmitAsync(forgot, "main form", new() { ["Email"] = typed });
            Assert.EndsWith("/account/forgot-password-confirmation", answer.Url, StringComparison.Ordinal);
        }

        await using var scope = Servers.Identity.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AuthDbContext>();
        Assert.Equal(AccountEmailsPerHour, await db.OutboxMessages.CountAsync(m => m.To == email));
    }

    private Task<HttpResponseMessage> ClientCredentialsAsync(HttpClient http, string clientId, string secret)
        => http.PostAsync($"{Servers.IdentityUrl}/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = clientId,
            ["client_secret"] = secret,
            ["scope"] = "policyhub_api",
        }));

    private static async Task<string?> ErrorAsync(HttpResponseMessage response)
        => JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("error").GetString();
}
