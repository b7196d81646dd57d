using Microsoft.Extensions.DependencyInjection;
using PolicyHub.Demo;
using PolicyHub.Data.Web;

namespace PolicyHub.IntegrationTests;

/// <summary>The Web app signs people in through the real auth service over HTTP and keeps a cookie session.</summary>
public sealed class WebSignInTests(LiveServersFixture fixture) : IClassFixture<LiveServersFixture>
{
    private LiveServers Servers => fixture.Servers;

    [Fact]
    public async Task Landing_Visitor_SeesSignInAndStrictSecurityHeaders()
    {
        using var browser = LiveServers.NewBrowser();

        var landing = await browser.GetAsync($"{Servers.WebUrl}/");

        Assert.Equal(HttpStatusCode.OK, landing.Status);
        Assert.NotNull(landing.Find("a[href='/account/signin']"));
        var headers = landing.Response.Headers;
        var csp = headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains("script-src 'self'", csp, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
        Assert.Contains($"form-action 'self' {Servers.IdentityUrl}", csp, StringComparison.Ordinal);
        Assert.Equal("nosniff", headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("DENY", headers.GetValues("X-Frame-Options").Single());
        Assert.Equal("strict-origin-when-cross-origin", headers.GetValues("Referrer-Policy").Single());
    }

    [Fact]
    public async Task SignIn_DemoPerson_SeesHomeWithTheirName()
    {
        using var browser = LiveServers.NewBrowser();

        var home = await Servers.SignInToWebAsync(browser, $"hr@{DemoPeople.Domain}", DemoPeople.Password);

        Assert.Equal($"{Servers.WebUrl}/", home.Url);
        Assert.True(home.Find("#home-heading") is not null, $"{home.Url} {home.Status}: {home.Text[..Math.Min(home.Text.Length, 1500)]}");
        Assert.Equal("Welcome, Hanna Richter", home.Find("#home-heading")?.TextContent.Trim());
        Assert.Contains(home.Redirects, r => r.StartsWith($"{Servers.WebUrl}/signin-oidc?code=", StringComparison.Ordinal));
    }

    [Fact]
    public async Task SignIn_ProtectedPageWhileSignedOut_GoesThroughSignInAndBack()
    {
        using var browser = LiveServers.NewBrowser();

        var page = await browser.GetAsync($"{Servers.WebUrl}/account/signin?returnUrl=%2F%3Ffrom%3Dtest");

        Assert.StartsWith($"{Servers.IdentityUrl}/account/login", page.Url, StringComparison.Ordinal);
        var back = await browser.SubmitAsync(page, "form[action^='/account/login']", new() { ["Email"] = $"employee@{DemoPeople.Domain}", ["Password"] = DemoPeople.Password });
        Assert.Equal($"{Servers.WebUrl}/?from=test", back.Url);
    }

    [Fact]
    public async Task SignOut_SignedIn_EndsTheWebAndTheAuthServiceSession()
    {
        using var browser = LiveServers.NewBrowser();
        var home = await Servers.SignInToWebAsync(browser, $"approver@{DemoPeople.Domain}", DemoPeople.Password);

        var afterSignOut = await browser.SubmitAsync(home, "form[action='/account/signout']", []);

        Assert.Equal($"{Servers.WebUrl}/", afterSignOut.Url);
        Assert.Contains(afterSignOut.Redirects, r => r.StartsWith($"{Servers.IdentityUrl}/connect/endsession", StringComparison.Ordinal));
        Assert.NotNull(afterSignOut.Find("a[href='/account/signin']"));
        var identityAccount = await browser.GetAsync($"{Servers.IdentityUrl}/manage");
        Assert.StartsWith($"{Servers.IdentityUrl}/account/login", identityAccount.Url, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SignOut_WithoutAntiforgeryToken_IsRejectedAndChangesNothing()
    {
        using var browser = LiveServers.NewBrowser();
        await Servers.SignInToWebAsync(browser, $"compliance@{DemoPeople.Domain}", DemoPeople.Password);

        using var response = await browser.PostRawAsync($"{Servers.WebUrl}/account/signout", []);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var home = await browser.GetAsync($"{Servers.WebUrl}/");
        Assert.Equal("Welcome, Clara Vogel", home.Find("#home-heading")?.TextContent.Trim());
    }

    [Fact]
    public async Task Culture_SwitchToGerman_ShowsTheHomeInGermanAndTheAuthServiceFollows()
    {
        using var browser = LiveServers.NewBrowser();
        var home = await Servers.SignInToWebAsync(browser, $"admin@{DemoPeople.Domain}", DemoPeople.Password);

        var german = await browser.SubmitAsync(home, "form[action='/culture']", [], ("culture", "de"));

        Assert.Equal("Willkommen, Alex Admin", german.Find("#home-heading")?.TextContent.Trim());
        Assert.Equal("de", german.Document.DocumentElement.GetAttribute("lang"));
    }

    [Fact]
    public async Task Culture_Unsupported_IsRejected()
    {
        using var browser = LiveServers.NewBrowser();
        var landing = await browser.GetAsync($"{Servers.WebUrl}/");

        var result = await browser.SubmitAsync(landing, "form[action='/culture']", [], ("culture", "xx"));

        Assert.Equal(HttpStatusCode.BadRequest, result.Status);
    }

    [Fact]
    public async Task Culture_WithoutAntiforgeryToken_IsRejected()
    {
        using var browser = LiveServers.NewBrowser();

        using var response = await browser.PostRawAsync($"{Servers.WebUrl}/culture", new() { ["culture"] = "de", ["returnUrl"] = "/" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task SignIn_GermanVisitor_SeesTheAuthServiceInGerman()
    {
        using var browser = LiveServers.NewBrowser("de-DE,de;q=0.9");

        var login = await browser.GetAsync($"{Servers.WebUrl}/account/signin");

        Assert.Equal("Anmelden", login.Find("h1")?.TextContent.Trim());
        Assert.Contains("ui_locales=de", string.Join(' ', login.Redirects), StringComparison.Ordinal);
    }

    [Fact]
    public async Task DataProtection_KeysAreStoredInTheDatabase_SoInstancesShareCookies()
    {
        using var browser = LiveServers.NewBrowser();
        await Servers.SignInToWebAsync(browser, $"employee@{DemoPeople.Domain}", DemoPeople.Password);

        await using var scope = Servers.Web.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PolicyHubDbContext>();

        Assert.True(await db.DataProtectionKeys.AnyAsync());
    }

    [Theory]
    [InlineData("/health/live")]
    [InlineData("/health/ready")]
    public async Task Health_BothServices_AnswerHealthy(string path)
    {
        using var http = new HttpClient();

        Assert.Equal("Healthy", await http.GetStringAsync(Servers.WebUrl + path));
        Assert.Equal("Healthy", await http.GetStringAsync(Servers.IdentityUrl + path));
    }

    [Fact]
    public async Task Error_UnknownPage_ShowsTheLocalizedNotFoundPage()
    {
        using var browser = LiveServers.NewBrowser("de");

        var page = await browser.GetAsync($"{Servers.WebUrl}/no/such/page");

        Assert.Equal(HttpStatusCode.NotFound, page.Status);
        Assert.Equal("Seite nicht gefunden", page.Find("h1")?.TextContent.Trim());
    }
}
