namespace PolicyHub.IntegrationTests;

/// <summary>What someone probing the auth service learns: neither which accounts exist (by answer or by time) nor a way to bend its links.</summary>
public sealed class AccountProbingTests : IAsyncLifetime
{
    private readonly LiveServersFixture _fixture = new();

    // Many sign-ins from one address in a minute: the per-address limit is raised so it does not answer first.
    public Task InitializeAsync() => _fixture.InitializeAsync(o => o.Identity["AuthServer:LoginAttemptsPerMinute"] = "1000");

    public Task DisposeAsync() => _fixture.DisposeAsync();

    [Fact]
    public async Task SignIn_UnknownAndExistingAccounts_TakeComparableTime()
    {
        // Without a dummy hash an unknown address answered in ~5 ms and a known one in ~100 ms. Measured over repeated
        // alternating attempts (medians), so one slow request on a busy host does not decide.
        var email = await _fixture.CreateConfirmedAccountAsync("Tim Timing");
        var unknown = new List<double>();
        var existing = new List<double>();
        for (var round = 0; round < 7; round++)
        {
            foreach (var (address, times) in new[] { ($"nobody-{Guid.NewGuid():N}@example.test", unknown), (email, existing) })
            {
                using var browser = LiveServers.NewBrowser();
                var page = await browser.GetAsync($"{_fixture.Servers.IdentityUrl}/account/login");
                var watch = System.Diagnostics.Stopwatch.StartNew();
                var result = await browser.SubmitAsync(page, "form[action^='/account/login']", new() { ["Email"] = address, ["Password"] = $"Wrong-Password-{round}" });
                times.Add(watch.Elapsed.TotalMilliseconds);
                Assert.Contains("Invalid email or password. After 5 failed attempts an account is locked for 15 minutes.", result.ErrorMessages);
            }
        }

        var ratio = Median(existing) / Median(unknown);
        Assert.InRange(ratio, 0.4, 2.5);

        static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);
    }

    [Fact]
    public async Task ForgotPassword_WithAForgedHostHeader_MailsALinkToTheConfiguredOrigin()
    {
        using var browser = LiveServers.NewBrowser();
        var email = await _fixture.CreateConfirmedAccountAsync("Hilde Host");
        var forgot = await browser.GetAsync($"{_fixture.Servers.IdentityUrl}/account/forgot-password");
        var token = forgot.Find("main form input[name='__RequestVerificationToken']")!.GetAttribute("value")!;

        using var request = new HttpRequestMessage(HttpMethod.Post, $"{_fixture.Servers.IdentityUrl}/account/forgot-password")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["Email"] = email, ["__RequestVerificationToken"] = token }),
        };
        request.Headers.Host = "attacker.example";
        using var sent = await browser.Http.SendAsync(request);

        Assert.Equal(System.Net.HttpStatusCode.Redirect, sent.StatusCode);
        var link = AccountJourneyTests.FirstLink(await _fixture.Servers.WaitForEmailAsync(email, m => m.Subject == "Reset your PolicyHub password"));
        Assert.StartsWith($"{_fixture.Servers.IdentityUrl}/account/reset-password?", link, StringComparison.Ordinal);
        Assert.DoesNotContain("attacker", link, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task SignIn_UnconfirmedAccountWithAWrongPassword_AnswersLikeAnyOther()
    {
        using var browser = LiveServers.NewBrowser();
        var email = $"unconfirmed-{Guid.NewGuid():N}@example.test";
        await browser.SubmitAsync(await browser.GetAsync($"{_fixture.Servers.IdentityUrl}/account/register"), "main form", new()
        {
            ["DisplayName"] = "Uta Unconfirmed", ["Email"] = email, ["Password"] = "Correct-Horse-9", ["ConfirmPassword"] = "Correct-Horse-9",
        });

        var wrong = await browser.SubmitAsync(await browser.GetAsync($"{_fixture.Servers.IdentityUrl}/account/login"), "form[action^='/account/login']",
            new() { ["Email"] = email, ["Password"] = "Not-Correct-Horse-9" });

        // "Confirm your email first" comes only after the right password (AccountJourneyTests): nothing says the account exists.
        Assert.Contains("Invalid email or password. After 5 failed attempts an account is locked for 15 minutes.", wrong.ErrorMessages);
        Assert.DoesNotContain("Please confirm your email address first. We can send the link again.", wrong.ErrorMessages);
    }
}
