using PolicyHub.Core.Acknowledgements;
using PolicyHub.Core.Policies;

namespace PolicyHub.IntegrationTests;

/// <summary>The organisation's start page shows each person the cards of their roles, with the numbers the database holds.</summary>
public sealed class RoleHomeTests(LiveServersFixture fixture) : IClassFixture<LiveServersFixture>
{
    private LiveServers Servers => fixture.Servers;

    [Theory]
    [InlineData("employee", false, false, false)]
    [InlineData("approver", false, false, false)]
    [InlineData("hr", true, false, false)]
    [InlineData("compliance", false, true, false)]
    [InlineData("admin", true, true, true)]
    public async Task Home_ShowsTheCardsOfThePersonsRoles_AndNotTheOthers(string person, bool author, bool compliance, bool admin)
    {
        using var browser = await fixture.DemoBrowserAsync(person);

        var home = await browser.GetAsync($"{Servers.WebUrl}/o/demo");

        Assert.Equal(author, home.Find("#author-home") is not null);
        Assert.Equal(compliance, home.Find("#compliance-home") is not null);
        Assert.Equal(admin, home.Find("#admin-home") is not null);
        Assert.NotNull(home.Find("#to-acknowledge-heading"));
    }

    [Fact]
    public async Task Home_TheNumbersAreTheDatabases()
    {
        using var hr = await fixture.DemoBrowserAsync("hr");
        using var approver = await fixture.DemoBrowserAsync("approver");
        using var officer = await fixture.DemoBrowserAsync("compliance");
        var policyId = await fixture.PublishBlankPolicyAsync(hr, approver, "Home numbers rules");
        var assignmentId = await fixture.AssignToDepartmentAsync(hr, policyId, "Sales");

        var home = await hr.GetAsync($"{Servers.WebUrl}/o/demo");
        var (drafts, inReview, asked, inForce, overduePeople) = await fixture.InTenantAsync("demo", async db => (
            await db.PolicyVersions.CountAsync(v => v.Status == PolicyVersionStatus.Draft && db.Policies.Any(p => p.Id == v.PolicyId && p.Status == PolicyStatus.Active)),
            await db.PolicyVersions.CountAsync(v => v.Status == PolicyVersionStatus.InReview && db.Policies.Any(p => p.Id == v.PolicyId && p.Status == PolicyStatus.Active)),
            await db.AcknowledgementRequests.CountAsync(r => r.AssignmentId == assignmentId && r.Status != RequestStatus.Withdrawn),
            await db.PolicyVersions.CountAsync(v => v.Status == PolicyVersionStatus.Published),
            await db.AcknowledgementRequests.Where(r => r.Status == RequestStatus.Open && r.DueAt < DateTime.UtcNow
                && db.Assignments.Any(a => a.Id == r.AssignmentId && a.Status == AssignmentStatus.Active)).Select(r => r.MembershipId).Distinct().CountAsync()));

        Assert.Equal(drafts.ToString(System.Globalization.CultureInfo.InvariantCulture), home.Find("#home-drafts .home-number")!.TextContent.Trim());
        Assert.Equal(inReview.ToString(System.Globalization.CultureInfo.InvariantCulture), home.Find("#home-in-review .home-number")!.TextContent.Trim());
        var line = home.Document.QuerySelectorAll("#home-assignments li").Single(li => li.TextContent.Contains("Home numbers rules", StringComparison.Ordinal));
        Assert.Contains($"0 of {asked} acknowledged", line.TextContent, StringComparison.Ordinal);

        var officerHome = await officer.GetAsync($"{Servers.WebUrl}/o/demo");
        Assert.Equal(inForce.ToString(System.Globalization.CultureInfo.InvariantCulture), officerHome.Find("#home-in-force .home-number")!.TextContent.Trim());
        Assert.Equal(overduePeople.ToString(System.Globalization.CultureInfo.InvariantCulture), officerHome.Find("#home-overdue .home-number")!.TextContent.Trim());
        Assert.NotNull(officerHome.Find("#home-chain"));
    }

    [Fact]
    public async Task SetupChecklist_TicksEachStepAsItIsDone_AndGoesWhenAllAre()
    {
        var (slug, admin) = await fixture.CreateOrganisationAsync("Checklist AG");
        using (admin)
        {
            var home = $"{Servers.WebUrl}/o/{slug}";
            async Task<string[]> DoneAsync() => (await admin.GetAsync(home)).Document.QuerySelectorAll("#setup-checklist .setup-step[data-done=true]")
                .Select(s => s.GetAttribute("data-step")!).ToArray();

            Assert.Empty(await DoneAsync());
            Assert.Equal(5, (await admin.GetAsync(home)).Document.QuerySelectorAll("#setup-checklist .setup-step").Length);

            await admin.SubmitAsync(await admin.GetAsync($"{home}/departments"), $"form[action='/o/{slug}/departments']", new() { ["Name"] = "Sales" });
            Assert.Equal(["units"], await DoneAsync());

            await admin.SubmitAsync(await admin.GetAsync($"{home}/members/invite"), "main form", new() { ["Email"] = $"c-{Guid.NewGuid():N}@example.test", ["DisplayName"] = "Carla Checklist" });
            Assert.Equal(["units", "people"], await DoneAsync());

            Assert.Empty((await admin.SubmitAsync(await admin.GetAsync($"{home}/settings"), "main form", new() { ["FourEyesApproval"] = "false" })).ErrorMessages);
            Assert.Equal(["units", "people", "settings"], await DoneAsync());

            var edit = await admin.SubmitAsync(await admin.GetAsync($"{home}/policies/new/crisis-playbook/en"), "main form",
                new() { ["Values[company_name]"] = "Checklist AG", ["Values[crisis_hotline]"] = "+49 30 12345678" });
            Assert.Equal(["units", "people", "settings", "policy"], await DoneAsync());

            var policyId = Guid.Parse(edit.Url.Split("/policies/")[1].Split('/')[0]);
            await admin.SubmitAsync(edit, "#draft-form", [], ("Then", "submit"));
            await admin.SubmitAsync(await admin.GetAsync($"{home}/policies/{policyId}"), "form[action$='/versions/1/approve']", []);
            await admin.SubmitAsync(await admin.GetAsync($"{home}/policies/{policyId}/versions/1/publish"), "#publish-form", []);
            var assigned = await admin.SubmitAsync(await admin.GetAsync($"{home}/policies/{policyId}/assign"), "#assign-form", new() { ["Everyone"] = "true" });
            Assert.Contains("The policy has been assigned:", assigned.Text, StringComparison.Ordinal);

            Assert.Null((await admin.GetAsync(home)).Find("#setup-checklist"));
        }
    }
}
