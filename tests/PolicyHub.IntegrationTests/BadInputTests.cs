using PolicyHub.Core.Policies;

namespace PolicyHub.IntegrationTests;

/// <summary>Forms not covered elsewhere: a bad value gets a clear message and nothing is written.</summary>
public sealed class BadInputTests(LiveServersFixture fixture) : IClassFixture<LiveServersFixture>
{
    private LiveServers Servers => fixture.Servers;

    [Fact]
    public async Task CreateOrganisation_BadAndTakenSlug_AreExplainedAndNothingIsCreated()
    {
        using var admin = await fixture.DemoBrowserAsync("admin");
        var page = await admin.GetAsync($"{Servers.WebUrl}/organisations/new");
        var before = await CountOrganisationsAsync();

        var bad = await admin.SubmitAsync(page, "main form", new() { ["Name"] = "", ["Slug"] = "Not Valid!" });
        var taken = await admin.SubmitAsync(page, "main form", new() { ["Name"] = "Copy", ["Slug"] = "demo" });

        Assert.Contains("Enter the organisation's name.", bad.ErrorMessages);
        Assert.Contains("Use 3 to 63 lower-case letters, digits and hyphens, starting and ending with a letter or digit.", bad.ErrorMessages);
        Assert.Contains("This short name is already taken. Please choose another.", taken.ErrorMessages);
        Assert.Equal(before, await CountOrganisationsAsync());
    }

    [Fact]
    public async Task OrganisationSettingsAndUnits_EmptyNames_AreRefusedAndNothingChanges()
    {
        using var admin = await fixture.DemoBrowserAsync("admin");
        var events = await AuditCountAsync();

        var settings = await admin.SubmitAsync(await admin.GetAsync($"{Servers.WebUrl}/o/demo/settings"), "main form", new() { ["Name"] = "", ["DefaultCulture"] = "fr" });
        var unit = await admin.SubmitAsync(await admin.GetAsync($"{Servers.WebUrl}/o/demo/departments"), "form[action='/o/demo/departments']", new() { ["Name"] = " " });
        var duplicate = await admin.SubmitAsync(await admin.GetAsync($"{Servers.WebUrl}/o/demo/departments"), "form[action='/o/demo/departments']", new() { ["Name"] = "Sales" });

        Assert.Contains("Enter the organisation's name.", settings.ErrorMessages);
        Assert.Contains("Choose English or German.", settings.ErrorMessages);
        Assert.Contains("Enter a name.", unit.ErrorMessages);
        Assert.Contains("This name is already in use.", duplicate.ErrorMessages);
        Assert.Equal("Demo GmbH", await fixture.InTenantAsync("demo", db => db.Tenants.Where(t => t.Slug == "demo").Select(t => t.Name).SingleAsync()));
        Assert.Equal(1, await fixture.InTenantAsync("demo", db => db.Departments.CountAsync(d => d.Name == "Sales")));
        Assert.Equal(events, await AuditCountAsync());
    }

    [Fact]
    public async Task ReminderSchedulesAndManagerEmail_BadValues_AreRefusedAndNothingChanges()
    {
        using var admin = await fixture.DemoBrowserAsync("admin");
        using var hr = await fixture.DemoBrowserAsync("hr");
        using var approver = await fixture.DemoBrowserAsync("approver");
        var policyId = await fixture.PublishBlankPolicyAsync(hr, approver, "Schedule checks");
        var ben = await fixture.InTenantAsync("demo", db => db.Memberships.Where(m => m.Email == "ben.schwarz@demo.policyhub.test").Select(m => m.Id).SingleAsync());
        var events = await AuditCountAsync();

        var settings = await admin.SubmitAsync(await admin.GetAsync($"{Servers.WebUrl}/o/demo/settings"), "main form",
            new() { ["ReminderDaysBefore"] = "seven, 0", ["OverdueReminderDays"] = "99" });
        var assign = await hr.SubmitAsync(await hr.GetAsync($"{Servers.WebUrl}/o/demo/policies/{policyId}/assign"), "#assign-form",
            new() { ["Everyone"] = "true", ["ReminderDaysBefore"] = "1,2,3,4,5,6", ["OverdueReminderDays"] = "-1" });
        var member = await admin.SubmitAsync(await admin.GetAsync($"{Servers.WebUrl}/o/demo/members/{ben}"), "main form", new() { ["ManagerEmail"] = "not an email" });

        const string days = "Enter up to five numbers of days between 1 and 90, separated by commas, for example 7, 1.";
        Assert.Contains(days, settings.ErrorMessages);
        Assert.Contains("Choose between 0 and 30 days.", settings.ErrorMessages);
        Assert.Contains(days, assign.ErrorMessages);
        Assert.Contains("Choose between 0 and 30 days.", assign.ErrorMessages);
        Assert.Contains("Enter a valid email address.", member.ErrorMessages);
        Assert.Equal("7,1", await fixture.InTenantAsync("demo", db => db.Tenants.Where(t => t.Slug == "demo").Select(t => t.ReminderDaysBefore).SingleAsync()));
        Assert.Equal(0, await fixture.InTenantAsync("demo", db => db.Assignments.CountAsync(a => a.PolicyId == policyId)));
        Assert.Null(await fixture.InTenantAsync("demo", db => db.Memberships.Where(m => m.Id == ben).Select(m => m.ManagerEmail).SingleAsync()));
        Assert.Equal(events, await AuditCountAsync());
    }

    [Fact]
    public async Task PolicyForms_EmptyTextReasonOrSummary_AreRefusedAndNothingChanges()
    {
        using var hr = await fixture.DemoBrowserAsync("hr");
        using var approver = await fixture.DemoBrowserAsync("approver");
        var draft = await hr.SubmitAsync(await hr.GetAsync($"{Servers.WebUrl}/o/demo/policies/new/blank/en"), "main form", new() { ["Title"] = "Empty checks", ["Category"] = "Tests" });
        var policyId = Guid.Parse(draft.Url.Split("/policies/")[1].Split('/')[0]);

        var emptyText = await hr.SubmitAsync(draft, "#draft-form", new() { ["Markdown"] = "" });
        Assert.Contains("The policy text cannot be empty.", emptyText.ErrorMessages);
        Assert.Equal("# Empty checks\n\n", await MarkdownAsync(policyId, 1));

        await hr.SubmitAsync(draft, "#draft-form", new() { ["Then"] = "submit" });
        var noReason = await approver.SubmitAsync(await approver.GetAsync($"{Servers.WebUrl}/o/demo/policies/{policyId}"), "form[action$='/versions/1/reject']", new() { ["Reason"] = "" });
        Assert.Contains("Say why the version goes back to its author.", noReason.ErrorMessages);
        Assert.Equal(PolicyVersionStatus.InReview, await StatusAsync(policyId, 1));

        await approver.SubmitAsync(await approver.GetAsync($"{Servers.WebUrl}/o/demo/policies/{policyId}"), "form[action$='/versions/1/approve']", []);
        await hr.SubmitAsync(await hr.GetAsync($"{Servers.WebUrl}/o/demo/policies/{policyId}/versions/1/publish"), "#publish-form", []);
        var noSummary = await hr.SubmitAsync(await hr.GetAsync($"{Servers.WebUrl}/o/demo/policies/{policyId}"), "#new-version-form", new() { ["ChangeSummary"] = "" });
        Assert.Contains("Summarise what changes in the new version.", noSummary.ErrorMessages);
        Assert.Equal(1, await fixture.InTenantAsync("demo", db => db.PolicyVersions.CountAsync(v => v.PolicyId == policyId)));
    }

    [Fact]
    public async Task DeeplyNestedMarkdown_PreviewAndSaveExplain_AndAStoredDraftOpensForRepair()
    {
        using var hr = await fixture.DemoBrowserAsync("hr");
        var draft = await hr.SubmitAsync(await hr.GetAsync($"{Servers.WebUrl}/o/demo/policies/new/blank/en"), "main form", new() { ["Title"] = "Nesting checks", ["Category"] = "Tests" });
        var policyId = Guid.Parse(draft.Url.Split("/policies/")[1].Split('/')[0]);
        var deep = new string('>', 128) + " x";
        const string message = "The text nests quotes, lists or formatting too deeply (at most 32 levels). Flatten it and try again.";

        using var preview = await hr.Http.PostAsync($"{Servers.WebUrl}/o/demo/policies/preview", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["markdown"] = deep, ["__RequestVerificationToken"] = draft.Find("#draft-form input[name='__RequestVerificationToken']")!.GetAttribute("value")!,
        }));
        Assert.Equal(System.Net.HttpStatusCode.OK, preview.StatusCode);
        Assert.Contains(System.Net.WebUtility.HtmlEncode(message), await preview.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var saved = await hr.SubmitAsync(draft, "#draft-form", new() { ["Markdown"] = deep });
        Assert.Contains(message, saved.ErrorMessages);
        Assert.Equal("# Nesting checks\n\n", await MarkdownAsync(policyId, 1));

        // A draft saved before the limits existed: every page answers, the editor says why, submitting is refused.
        await fixture.InTenantAsync("demo", db => db.PolicyVersions.Where(v => v.PolicyId == policyId).ExecuteUpdateAsync(u => u.SetProperty(v => v.Markdown, deep)));
        var edit = await hr.GetAsync($"{Servers.WebUrl}/o/demo/policies/{policyId}/versions/1/edit");
        var show = await hr.GetAsync($"{Servers.WebUrl}/o/demo/policies/{policyId}/versions/1");
        var translate = await hr.GetAsync($"{Servers.WebUrl}/o/demo/policies/{policyId}/versions/1/translations/de");
        var details = await hr.GetAsync($"{Servers.WebUrl}/o/demo/policies/{policyId}");
        Assert.All(new[] { edit, show, translate, details }, p => Assert.Equal(System.Net.HttpStatusCode.OK, p.Status));
        Assert.Contains(message, edit.ErrorMessages);
        Assert.Contains(message, show.Text, StringComparison.Ordinal);
        var submitted = await hr.SubmitAsync(details, "form[action$='/versions/1/submit']", []);
        Assert.Contains("The text or one of its translations cannot be shown: it is too long, nested too deeply or contains control characters. Open the draft to see why and repair it.", submitted.ErrorMessages);
        Assert.Equal(PolicyVersionStatus.Draft, await StatusAsync(policyId, 1));

        var repaired = await hr.SubmitAsync(edit, "#draft-form", new() { ["Markdown"] = "> x" });
        Assert.Empty(repaired.ErrorMessages);
        await hr.SubmitAsync(repaired, "#draft-form", new() { ["Then"] = "submit" });
        Assert.Equal(PolicyVersionStatus.InReview, await StatusAsync(policyId, 1));
    }

    private Task<int> CountOrganisationsAsync() => fixture.InTenantAsync("demo", db => db.Tenants.CountAsync());

    private Task<int> AuditCountAsync() => fixture.InTenantAsync("demo", db => db.AuditEvents.CountAsync());

    private Task<string> MarkdownAsync(Guid policyId, int number)
        => fixture.InTenantAsync("demo", db => db.PolicyVersions.Where(v => v.PolicyId == policyId && v.Number == number).Select(v => v.Markdown).SingleAsync());

    private Task<PolicyVersionStatus> StatusAsync(Guid policyId, int number)
        => fixture.InTenantAsync("demo", db => db.PolicyVersions.Where(v => v.PolicyId == policyId && v.Number == number).Select(v => v.Status).SingleAsync());
}
