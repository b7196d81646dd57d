using PolicyHub.Demo;
using PolicyHub.Data.Database;
using PolicyHub.Data.Web;

namespace PolicyHub.IntegrationTests.Resilience;

/// <summary>
/// The template payloads that used to overflow the parser's stack — which ends the process for every organisation,
/// no exception handler can catch it — sent to the Web app as its own process: it answers with a message and stays up.
/// </summary>
public sealed class HostileTemplateTests
{
    [Fact]
    public async Task DeeplyNestedTemplates_AgainstARunningWebProcess_AreAnsweredAndTheProcessStaysUp()
    {
        await using var servers = LiveServers.Start(o => o.SeedDemoAccounts = true);
        using var hr = LiveServers.NewBrowser();
        await servers.SignInToWebAsync(hr, $"hr@{DemoPeople.Domain}", DemoPeople.Password);
        await servers.StopWebAsync();
        using var web = await WebProcess.StartAsync(servers.WebSettings, servers.WebUrl);

        var parentheses = "{{ " + new string('(', 3000) + "a" + new string(')', 3000) + " }}";
        var ifs = string.Concat(Enumerable.Repeat("{% if a %}", 3000)) + "x" + string.Concat(Enumerable.Repeat("{% endif %}", 3000));
        var quotes = new string('>', 200) + " {{ a }}";
        var answers = new List<TestPage>();
        foreach (var body in new[] { parentheses, ifs, quotes })
        {
            var form = await hr.GetAsync($"{servers.WebUrl}/o/demo/templates/new");
            answers.Add(await hr.SubmitAsync(form, "#template-form", new() { ["Title"] = "Hostile", ["Body"] = body }));
        }

        Assert.False(web.HasExited, web.Output);
        Assert.All(answers, a => Assert.Equal(HttpStatusCode.OK, a.Status));
        Assert.Contains("The template has more than 2000 tags, or a tag that is longer than 1000 characters or not closed.", answers[0].ErrorMessages);
        Assert.Contains("The template nests if/unless blocks or brackets too deeply (at most 16 levels of blocks and 4 of brackets).", answers[1].ErrorMessages);
        Assert.Contains("The text nests quotes, lists or formatting too deeply (at most 32 levels). Flatten it and try again.", answers[2].ErrorMessages);
        using var live = await hr.Http.GetAsync($"{servers.WebUrl}/health/live");
        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        await using var db = new PolicyHubDbContext(new DbContextOptionsBuilder<PolicyHubDbContext>().UsePolicyHubProvider(DatabaseProvider.Sqlite,
            DatabaseProviderSelection.ResolveConnectionString(new DatabaseOptions { DataDirectory = servers.DataDirectory }, null, "policyhub.db", servers.DataDirectory)).Options);
        db.UseTenant(await db.Tenants.Where(t => t.Slug == "demo").Select(t => t.Id).SingleAsync());
        Assert.Equal(0, await db.OrganisationTemplates.CountAsync());
    }
}
