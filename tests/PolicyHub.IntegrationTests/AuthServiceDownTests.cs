using PolicyHub.Demo;

namespace PolicyHub.IntegrationTests;

public sealed class AuthServiceDownTests
{
    [Fact]
    public async Task SignIn_AuthServiceUnreachable_ShowsAClearErrorPage()
    {
        var deadAuthority = $"http://127.0.0.1:{FreePort.Next()}";
        await using var servers = LiveServers.Start(o => o.Web["Oidc:Authority"] = deadAuthority);
        using var browser = LiveServers.NewBrowser();

        var page = await browser.GetAsync($"{servers.WebUrl}/account/signin");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, page.Status);
        Assert.Equal("Sign-in is unavailable", page.Find("h1")?.TextContent.Trim());
        Assert.Contains("Nothing is lost", page.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AuthServiceGoesDown_SignedInPeopleKeepWorking_NewSignInsSeeAnExplanation_AndItRecovers()
    {
        await using var servers = LiveServers.Start(o => o.SeedDemoAccounts = true);
        using var load = await AcknowledgementLoad.PrepareAsync(servers, people: 1, policies: 1);
        var forms = await load.ReadAllAsync(servers.WebUrl);
        var person = load.People.Single();

        await servers.StopIdentityAsync();

        // A new sign-in: the explanation page in the person's language, not a browser error on a dead host.
        using var newcomer = LiveServers.NewBrowser("de");
        var unavailable = await newcomer.GetAsync($"{servers.WebUrl}/account/signin?returnUrl=%2Fo%2Fdemo");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, unavailable.Status);
        Assert.Equal("Die Anmeldung ist nicht verfügbar", unavailable.Find("h1")?.TextContent.Trim());
        Assert.Empty(unavailable.Redirects);

        // The signed-in person keeps reading and acknowledging: the session is PolicyHub's own cookie.
        var home = await person.Browser.GetAsync($"{servers.WebUrl}/o/demo");
        Assert.Equal(HttpStatusCode.OK, home.Status);
        var answers = await AcknowledgementLoad.SubmitAllAsync(servers.WebUrl, forms);
        var receipt = Assert.Single(answers).AcknowledgementId;
        Assert.NotNull(receipt);
        Assert.Equal(1, await servers.InTenantAsync("demo", db => db.Acknowledgements.CountAsync(a => a.Id == receipt)));

        // Back again (with new signing keys): new sign-ins work without restarting the Web app.
        servers.StartIdentity();
        using var later = LiveServers.NewBrowser();
        var landed = await servers.SignInToWebAsync(later, $"employee@{DemoPeople.Domain}", DemoPeople.Password);
        Assert.Equal($"{servers.WebUrl}/", landed.Url);
        Assert.Equal(HttpStatusCode.OK, (await later.GetAsync($"{servers.WebUrl}/o/demo")).Status);
    }
}
