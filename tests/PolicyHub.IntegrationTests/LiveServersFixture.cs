using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using PolicyHub.Demo;
using PolicyHub.Data.Identity;
using PolicyHub.Data.Web;

namespace PolicyHub.IntegrationTests;

/// <summary>One pair of live servers per test class, with helpers that say what they do.</summary>
public sealed class LiveServersFixture : IAsyncLifetime
{
    public const string Password = DemoOrganisation.AccountPassword;

    public LiveServers Servers { get; private set; } = null!;

    public Task InitializeAsync() => InitializeAsync(null);

    /// <summary>Starts the servers with the demo organisation and any further options (a fake clock, settings).</summary>
    public Task InitializeAsync(Action<LiveServersOptions>? configure)
    {
        Servers = LiveServers.Start(o =>
        {
            o.SeedDemoAccounts = true;
            configure?.Invoke(o);
        });
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await Servers.DisposeAsync();

    /// <summary>An account as if its owner had registered and clicked the link (for tests about something else).</summary>
    public async Task<string> CreateConfirmedAccountAsync(string name)
    {
        var email = $"{name.Replace(' ', '.').ToLowerInvariant()}-{Guid.NewGuid():N}@example.test";
        await Servers.CreateConfirmedAccountAsync(email, name);
        return email;
    }

    public async Task SignInAtIdentityAsync(TestBrowser browser, string email)
    {
        var login = await browser.GetAsync($"{Servers.IdentityUrl}/account/login");
        var result = await browser.SubmitAsync(login, "form[action^='/account/login']", new() { ["Email"] = email, ["Password"] = Password });
        Assert.EndsWith("/manage", result.Url, StringComparison.Ordinal);
    }

    /// <summary>Another organisation, created through the pages by a new account; returns its slug and that administrator's browser (dispose it).</summary>
    public async Task<(string Slug, TestBrowser Administrator)> CreateOrganisationAsync(string name = "Other AG")
    {
        var email = await CreateConfirmedAccountAsync("Bea Other");
        var browser = LiveServers.NewBrowser();
        await Servers.SignInToWebAsync(browser, email, Password);
        var slug = $"other-{Guid.NewGuid():N}"[..20];
        var create = await browser.GetAsync($"{Servers.WebUrl}/organisations/new");
        var home = await browser.SubmitAsync(create, "main form", new() { ["Name"] = name, ["Slug"] = slug, ["DefaultCulture"] = "en" });
        Assert.Equal($"{Servers.WebUrl}/o/{slug}", home.Url);
        return (slug, browser);
    }

    /// <summary>A browser signed in to the Web app as a demo person (who joins Demo GmbH on the way, if not yet a member).</summary>
    public async Task<TestBrowser> DemoBrowserAsync(string localPart, string acceptLanguage = "en")
    {
        var browser = LiveServers.NewBrowser(acceptLanguage);
        var home = await Servers.SignInToWebAsync(browser, $"{localPart}@{DemoPeople.Domain}", DemoPeople.Password);
        Assert.Equal($"{Servers.WebUrl}/", home.Url);
        return browser;
    }

    /// <summary>Reads the Web database as the given organisation sees it (through the tenant filter).</summary>
    public Task<T> InTenantAsync<T>(string slug, Func<PolicyHubDbContext, Task<T>> read) => Servers.InTenantAsync(slug, read);

    /// <summary>A blank policy of Demo GmbH taken through the pages to version 1 published (HR writes, the approver approves).</summary>
    public Task<Guid> PublishBlankPolicyAsync(TestBrowser hr, TestBrowser approver, string title) => Servers.PublishBlankPolicyAsync(hr, approver, title);

    /// <summary>Version <paramref name="number"/> of a Demo GmbH policy, drafted, approved and published through the pages.</summary>
    public async Task PublishNewVersionAsync(TestBrowser hr, TestBrowser approver, Guid policyId, int number, bool material)
    {
        var edit = await hr.SubmitAsync(await hr.GetAsync($"{Servers.WebUrl}/o/demo/policies/{policyId}"), "#new-version-form",
            new() { ["ChangeSummary"] = $"v{number}", ["IsMaterialChange"] = material ? "true" : "false" });
        var saved = await hr.SubmitAsync(edit, "#draft-form", new() { ["Markdown"] = $"# Rules\n\nVersion {number}." });
        await hr.SubmitAsync(saved, "#draft-form", new() { ["Then"] = "submit" });
        await approver.SubmitAsync(await approver.GetAsync($"{Servers.WebUrl}/o/demo/policies/{policyId}"), $"form[action$='/versions/{number}/approve']", []);
        var published = await hr.SubmitAsync(await hr.GetAsync($"{Servers.WebUrl}/o/demo/policies/{policyId}/versions/{number}/publish"), "#publish-form", []);
        Assert.Contains($"Version {number} is published.", published.Text, StringComparison.Ordinal);
    }

    /// <summary>Assigns a Demo GmbH policy to a department through the assign page; returns the assignment's id.</summary>
    public Task<Guid> AssignToDepartmentAsync(TestBrowser hr, Guid policyId, string department, Dictionary<string, string>? more = null)
        => Servers.AssignToDepartmentAsync(hr, policyId, department, more);

    /// <summary>The open request of a demo person (by the local part of their email) for a policy.</summary>
    public Task<Guid> RequestIdAsync(string localPart, Guid policyId)
        => InTenantAsync("demo", db => db.AcknowledgementRequests
            .Where(r => r.Status == PolicyHub.Core.Acknowledgements.RequestStatus.Open && db.Assignments.Any(a => a.Id == r.AssignmentId && a.PolicyId == policyId))
            .Where(r => db.Memberships.Any(m => m.Id == r.MembershipId && m.Email == $"{localPart}@{DemoPeople.Domain}"))
            .Select(r => r.Id).SingleAsync());
}
