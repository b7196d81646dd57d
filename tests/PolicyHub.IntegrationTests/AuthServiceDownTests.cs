using System.Net;
using PolicyHub.Testing;

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
}
