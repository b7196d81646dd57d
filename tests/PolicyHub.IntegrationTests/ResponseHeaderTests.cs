namespace PolicyHub.IntegrationTests;

/// <summary>Every answer that can carry personal data says no-store; only static files may be cached.</summary>
public sealed class ResponseHeaderTests(LiveServersFixture fixture) : IClassFixture<LiveServersFixture>
{
    private LiveServers Servers => fixture.Servers;

    [Fact]
    public async Task PagesExportsReceiptsApiAndAuthPages_AreNoStore_StaticFilesAreNot()
    {
        using var compliance = await fixture.DemoBrowserAsync("compliance");
        var token = await compliance.AntiforgeryTokenAsync($"{Servers.WebUrl}/o/demo");
        var answers = new Dictionary<string, HttpResponseMessage>
        {
            ["page"] = await compliance.Http.GetAsync($"{Servers.WebUrl}/o/demo/audit"),
            ["export"] = await compliance.Http.PostAsync($"{Servers.WebUrl}/o/demo/audit/export.csv", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token })),
            ["keys"] = await compliance.Http.GetAsync($"{Servers.WebUrl}/.well-known/policyhub-audit-keys.json"),
            ["api without token"] = await new HttpClient().GetAsync($"{Servers.WebUrl}/api/v1/organisations/demo"),
            ["error page"] = await compliance.Http.GetAsync($"{Servers.WebUrl}/o/demo/no-such-page"),
            ["auth page"] = await compliance.Http.GetAsync($"{Servers.IdentityUrl}/manage"),
            ["auth discovery"] = await compliance.Http.GetAsync($"{Servers.IdentityUrl}/.well-known/openid-configuration"),
        };

        Assert.Equal(HttpStatusCode.OK, answers["export"].StatusCode);
        foreach (var (kind, response) in answers)
        {
            Assert.True(response.Headers.CacheControl?.NoStore == true, $"{kind}: Cache-Control is '{response.Headers.CacheControl}'");
        }

        using var css = await compliance.Http.GetAsync($"{Servers.WebUrl}/css/site.css");
        Assert.Equal(HttpStatusCode.OK, css.StatusCode);
        Assert.NotEqual(true, css.Headers.CacheControl?.NoStore);
        foreach (var response in answers.Values)
        {
            response.Dispose();
        }
    }

    [Fact]
    public async Task BothServices_ServeTheLogoAsIcon_AtFaviconSvgAndFaviconIco_AndLinkIt()
    {
        using var http = new HttpClient();
        foreach (var url in new[] { Servers.WebUrl, Servers.IdentityUrl })
        {
            foreach (var path in new[] { "/favicon.svg", "/favicon.ico" })
            {
                using var icon = await http.GetAsync(url + path);
                Assert.Equal(HttpStatusCode.OK, icon.StatusCode);
                Assert.Equal("image/svg+xml", icon.Content.Headers.ContentType?.MediaType);
            }

            var page = await http.GetStringAsync(url + (url == Servers.WebUrl ? "/" : "/account/login"));
            Assert.Contains("<link rel=\"icon\" href=\"/favicon.svg\"", page, StringComparison.Ordinal);
        }
    }
}
