namespace PolicyHub.IntegrationTests;

/// <summary>An organisation keeps its own templates: saved from a policy or written from scratch, then used.</summary>
public sealed class OrganisationTemplateTests(LiveServersFixture fixture) : IClassFixture<LiveServersFixture>
{
    private LiveServers Servers => fixture.Servers;

    [Fact]
    public async Task Template_WrittenFromScratch_BecomesAPolicyWithItsPlaceholdersFilled()
    {
        using var hr = await fixture.DemoBrowserAsync("hr");
        var page = await hr.GetAsync($"{Servers.WebUrl}/o/demo/templates/new");

        var invalid = await hr.SubmitAsync(page, "#template-form", new() { ["Title"] = "Loop", ["Language"] = "en", ["Body"] = "{% for i in (1..9) %}x{% endfor %}" });
        Assert.Contains(invalid.ErrorMessages, m => m.StartsWith("The template text is not valid:", StringComparison.Ordinal));
        Assert.Equal(0, await fixture.InTenantAsync("demo", db => db.OrganisationTemplates.CountAsync(t => t.Title == "Loop")));

        var saved = await hr.SubmitAsync(page, "#template-form", new()
        {
            ["Title"] = "Home office rules", ["Category"] = "Work", ["Language"] = "en",
            ["Body"] = "# Home office at {{ company_name }}\n\nAsk {{ it_contact }} for a laptop.",
        });
        Assert.Contains("The template Home office rules has been saved.", saved.Text, StringComparison.Ordinal);
        var template = await fixture.InTenantAsync("demo", db => db.OrganisationTemplates.AsNoTracking().SingleAsync(t => t.Title == "Home office rules"));

        var create = await hr.GetAsync($"{Servers.WebUrl}/o/demo/policies/new/{template.Id}/en");
        var missing = await hr.SubmitAsync(create, "main form", new() { ["Values[company_name]"] = "Demo GmbH", ["Values[it_contact]"] = "" });
        Assert.Contains("Fill in “it contact”.", missing.ErrorMessages);
        var draft = await hr.SubmitAsync(create, "main form", new() { ["Values[company_name]"] = "Demo GmbH", ["Values[it_contact]"] = "the IT desk" });
        Assert.Contains("Ask the IT desk for a laptop.", draft.Find("textarea[name='Markdown']")?.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Template_SavedFromAPolicy_KeepsItsTextAndCanBeDeleted()
    {
        using var hr = await fixture.DemoBrowserAsync("hr");
        var create = await hr.GetAsync($"{Servers.WebUrl}/o/demo/policies/new/blank/de");
        var draft = await hr.SubmitAsync(create, "main form", new() { ["Title"] = "Reisekosten", ["Category"] = "Finanzen" });
        var policyId = Guid.Parse(draft.Url.Split("/policies/")[1].Split('/')[0]);

        var details = await hr.GetAsync($"{Servers.WebUrl}/o/demo/policies/{policyId}");
        var edit = await hr.SubmitAsync(details, "form[action$='/save-as-template']", []);

        Assert.Contains("The template Reisekosten has been saved.", edit.Text, StringComparison.Ordinal);
        var template = await fixture.InTenantAsync("demo", db => db.OrganisationTemplates.AsNoTracking().SingleAsync(t => t.Title == "Reisekosten"));
        Assert.Equal("de", template.Language);
        Assert.Equal("# Reisekosten\n\n", template.Body);
        var list = await hr.GetAsync($"{Servers.WebUrl}/o/demo/templates");
        await hr.SubmitAsync(list, $"form[action='/o/demo/templates/{template.Id}/delete']", []);
        Assert.Equal(0, await fixture.InTenantAsync("demo", db => db.OrganisationTemplates.CountAsync(t => t.Id == template.Id)));
        var actions = await fixture.InTenantAsync("demo", db => db.AuditEvents.AsNoTracking().Where(e => e.EntityId == template.Id.ToString()).Select(e => e.Action).ToListAsync());
        Assert.Equal(["template.created", "template.deleted"], actions);
    }
}
