using System.Net;
using Aspire.Hosting;
using Aspire.Hosting.Testing;
using PolicyHub.Demo;
using PolicyHub.Testing;

namespace PolicyHub.AppHost.Tests;

/// <summary>
/// `dotnet run --project src/PolicyHub.AppHost` as a test: both services on their fixed ports, migrated SQLite
/// files in the data folder, demo accounts, and the sign-in between them wired with a fresh secret.
/// (Uses ports 5180/5181: stop a running AppHost before running this test.)
/// </summary>
public sealed class RunCommandTests
{
    [Fact]
    public async Task AppHost_Started_ServesBothServicesAndADemoPersonSignsIn()
    {
        var dataDirectory = Path.Combine(Path.GetTempPath(), "policyhub-apphost", Guid.NewGuid().ToString("N"));
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.PolicyHub_AppHost>([$"DataDirectory={dataDirectory}"]);
        await using var app = await builder.BuildAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));

        await app.StartAsync(timeout.Token);
        await app.ResourceNotifications.WaitForResourceHealthyAsync("identity", timeout.Token);
        await app.ResourceNotifications.WaitForResourceHealthyAsync("web", timeout.Token);

        using var browser = LiveServers.NewBrowser();
        var landing = await browser.GetAsync("http://localhost:5180/");
        Assert.Equal(HttpStatusCode.OK, landing.Status);
        var login = await browser.GetAsync("http://localhost:5180/account/signin");
        Assert.StartsWith("http://localhost:5181/account/login", login.Url, StringComparison.Ordinal);
        var home = await browser.SubmitAsync(login, "form[action^='/account/login']", new() { ["Email"] = $"compliance@{DemoPeople.Domain}", ["Password"] = DemoPeople.Password });
        Assert.Equal("Welcome, Clara Vogel", home.Find("#home-heading")?.TextContent.Trim());
        Assert.True(File.Exists(Path.Combine(dataDirectory, "policyhub.db")));
        Assert.True(File.Exists(Path.Combine(dataDirectory, "identity.db")));

        await app.StopAsync(timeout.Token);
    }
}
