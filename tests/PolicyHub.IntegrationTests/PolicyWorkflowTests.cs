using PolicyHub.Core.Policies;

namespace PolicyHub.IntegrationTests;

/// <summary>HR's journey through the pages of Demo GmbH (four-eyes approval on).</summary>
public sealed class PolicyWorkflowTests(LiveServersFixture fixture) : IClassFixture<LiveServersFixture>
{
    private LiveServers Servers => fixture.Servers;

    [Fact]
    public async Task Create_TemplateWithARequiredValueMissing_NamesTheFieldAndCreatesNothing()
    {
        using var hr = await fixture.DemoBrowserAsync("hr");
        var before = await fixture.InTenantAsync("demo", db => db.Policies.CountAsync());
        var form = await hr.GetAsync($"{Servers.WebUrl}/o/demo/policies/new/social-media-guidelines/de");

        var result = await hr.SubmitAsync(form, "main form", new()
        {
            ["Values[company_name]"] = "",
            ["Values[social_media_team]"] = "Kommunikation",
            ["Values[social_media_contact]"] = "social@demo.example",
            ["Values[crisis_hotline]"] = "+49 30 1234567",
        });

        Assert.Contains("Fill in “Name des Unternehmens”.", result.ErrorMessages);
        Assert.Equal(before, await fixture.InTenantAsync("demo", db => db.Policies.CountAsync()));
    }

    [Theory]
    [InlineData("de", "social_media_contact", "kommunikation at demo", "Enter one email address for “Ansprechpartner Social Media”, such as name@example.com.")]
    [InlineData("de", "crisis_hotline", "030 1234567", "Enter a telephone number with its country code for “Krisen-Hotline”, such as +49 30 12345678.")]
    [InlineData("en", "social_media_contact", "Team <social@demo.example>", "Enter one email address for “Social media contact”, such as name@example.com.")]
    [InlineData("en", "crisis_hotline", "+49 30 CALL US", "Enter a telephone number with its country code for “Crisis hotline”, such as +49 30 12345678.")]
    public async Task Create_TemplateValueOfTheWrongType_NamesTheFieldAndCreatesNothing(string language, string variable, string value, string message)
    {
        // The message is in HR's language (English), the field's label in the template's.
        using var hr = await fixture.DemoBrowserAsync("hr");
        var before = await fixture.InTenantAsync("demo", db => db.Policies.CountAsync());
        var form = await hr.GetAsync($"{Servers.WebUrl}/o/demo/policies/new/social-media-guidelines/{language}");
        Assert.Equal("Demo GmbH", form.Find("#var-company_name")!.GetAttribute("value"));
        Assert.Equal(variable == "crisis_hotline" ? "tel" : "email", form.Find($"#var-{variable}")!.GetAttribute("type"));
        var values = new Dictionary<string, string>
        {
            ["Values[social_media_team]"] = "Unternehmenskommunikation",
            ["Values[social_media_contact]"] = "social@demo.example",
            ["Values[crisis_hotline]"] = "+49 30 1234567",
        };
        values[$"Values[{variable}]"] = value;

        var result = await hr.SubmitAsync(form, "main form", values);

        Assert.Contains(message, result.ErrorMessages);
        Assert.Equal(value, result.Find($"#var-{variable}")!.GetAttribute("value"));
        Assert.Equal(before, await fixture.InTenantAsync("demo", db => db.Policies.CountAsync()));
    }

    [Fact]
    public async Task Lifecycle_DraftReviewApprovePublishAndAMaterialSecondVersion_FollowTheRules()
    {
        using var hr = await fixture.DemoBrowserAsync("hr");
        using var approver = await fixture.DemoBrowserAsync("approver");
        using var admin = await fixture.DemoBrowserAsync("admin");

        // HR creates the German guidelines from the template.
        var form = await hr.GetAsync($"{Servers.WebUrl}/o/demo/policies/new/social-media-guidelines/de");
        var edit = await hr.SubmitAsync(form, "main form", new()
        {
            ["Title"] = "Social-Media-Leitlinien",
            ["Values[company_name]"] = "Demo GmbH",
            ["Values[social_media_team]"] = "Unternehmenskommunikation",
            ["Values[social_media_contact]"] = "social@demo.example",
            ["Values[crisis_hotline]"] = "+49 30 1234567",
        });
        Assert.Contains("/versions/1/edit", edit.Url, StringComparison.Ordinal);
        var policyId = Guid.Parse(edit.Url.Split("/policies/")[1].Split('/')[0]);
        var markdown = edit.Find("textarea[name='Markdown']")!.TextContent;
        Assert.Contains("Demo GmbH", markdown, StringComparison.Ordinal);
        Assert.Contains("Shitstorm", markdown, StringComparison.Ordinal);

        // The preview renders sanitized HTML.
        var token = await hr.AntiforgeryTokenAsync(edit.Url);
        using var preview = await hr.SendAsync(HttpMethod.Post, $"{Servers.WebUrl}/o/demo/policies/preview",
            new() { ["__RequestVerificationToken"] = token, ["Markdown"] = "# Hi\n<script>alert(1)</script>[x](javascript:alert(1))" });
        var previewHtml = await preview.Content.ReadAsStringAsync();
        Assert.Contains("<h1", previewHtml, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", previewHtml, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("javascript:", previewHtml, StringComparison.OrdinalIgnoreCase);

        // Save an edit, then a stale second save is refused with a clear message.
        var saved = await hr.SubmitAsync(edit, "#draft-form", new() { ["Markdown"] = markdown + "\n\nErgänzt." });
        Assert.Contains("The draft has been saved.", saved.Text, StringComparison.Ordinal);
        var stale = await hr.SubmitAsync(edit, "#draft-form", new() { ["Markdown"] = markdown + "\n\nÜberschrieben?" });
        Assert.Contains("Someone else saved this draft meanwhile.", stale.Text, StringComparison.Ordinal);

        // Submit; HR cannot approve (no Approver role); the approver approves; HR publishes.
        var details = await hr.SubmitAsync(saved, "#draft-form", new() { ["Then"] = "submit" });
        Assert.Contains("Version 1 has been submitted for review.", details.Text, StringComparison.Ordinal);
        using (var forbidden = await hr.SendAsync(HttpMethod.Post, $"{Servers.WebUrl}/o/demo/policies/{policyId}/versions/1/approve",
                   new() { ["__RequestVerificationToken"] = token }))
        {
            Assert.Equal(System.Net.HttpStatusCode.Forbidden, forbidden.StatusCode);
        }

        var review = await approver.GetAsync($"{Servers.WebUrl}/o/demo/policies/{policyId}");
        var approved = await approver.SubmitAsync(review, "form[action$='/versions/1/approve']", []);
        Assert.Contains("Version 1 has been approved", approved.Text, StringComparison.Ordinal);
        var published = await hr.SubmitAsync(await hr.GetAsync($"{Servers.WebUrl}/o/demo/policies/{policyId}/versions/1/publish"), "#publish-form", []);
        Assert.Contains("Version 1 is published.", published.Text, StringComparison.Ordinal);

        var v1 = await fixture.InTenantAsync("demo", db => db.PolicyVersions.AsNoTracking().SingleAsync(v => v.PolicyId == policyId && v.Number == 1));
        Assert.Equal(PolicyVersionStatus.Published, v1.Status);
        Assert.Equal(ContentHash.Compute(v1.Markdown), v1.ContentHash);
        var shown = await hr.GetAsync($"{Servers.WebUrl}/o/demo/policies/{policyId}/versions/1");
        Assert.Equal(ContentHash.ComputeHex(v1.Markdown), shown.Find("#content-hash")?.TextContent);

        // No endpoint changes a published text.
        using (var edited = await hr.SendAsync(HttpMethod.Post, $"{Servers.WebUrl}/o/demo/policies/{policyId}/versions/1/edit",
                   new() { ["__RequestVerificationToken"] = token, ["Markdown"] = "changed", ["ConcurrencyStamp"] = v1.ConcurrencyStamp.ToString() }))
        {
            Assert.Contains("This step is not possible", await edited.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        Assert.Equal(v1.Markdown, (await fixture.InTenantAsync("demo", db => db.PolicyVersions.AsNoTracking().SingleAsync(v => v.Id == v1.Id))).Markdown);

        // Version 2, material; four-eyes stops the administrator from approving their own draft.
        var started = await admin.SubmitAsync(await admin.GetAsync($"{Servers.WebUrl}/o/demo/policies/{policyId}"), "#new-version-form",
            new() { ["ChangeSummary"] = "Neuer Abschnitt zu KI-Werkzeugen", ["IsMaterialChange"] = "true" });
        Assert.Contains("/versions/2/edit", started.Url, StringComparison.Ordinal);
        var v2Saved = await admin.SubmitAsync(started, "#draft-form", new() { ["Markdown"] = v1.Markdown + "\n\n## 17. KI-Werkzeuge\n\nKeine vertraulichen Daten in öffentliche KI-Werkzeuge." });
        await admin.SubmitAsync(v2Saved, "#draft-form", new() { ["Then"] = "submit" });
        var ownPage = await admin.GetAsync($"{Servers.WebUrl}/o/demo/policies/{policyId}");
        Assert.Null(ownPage.Find("form[action$='/versions/2/approve']")); // the page offers no approve button …
        var adminToken = await admin.AntiforgeryTokenAsync(ownPage.Url);
        using (await admin.SendAsync(HttpMethod.Post, $"{Servers.WebUrl}/o/demo/policies/{policyId}/versions/2/approve", new() { ["__RequestVerificationToken"] = adminToken }))
        {
            // … and posting anyway is refused with the reason.
        }

        var own = await admin.GetAsync($"{Servers.WebUrl}/o/demo/policies/{policyId}");
        Assert.Contains("someone other than the author must approve", own.Find(".alert-danger")?.TextContent, StringComparison.Ordinal);
        Assert.Equal(PolicyVersionStatus.InReview, await fixture.InTenantAsync("demo", db => db.PolicyVersions.Where(v => v.PolicyId == policyId && v.Number == 2).Select(v => v.Status).SingleAsync()));
        await approver.SubmitAsync(await approver.GetAsync($"{Servers.WebUrl}/o/demo/policies/{policyId}"), "form[action$='/versions/2/approve']", []);
        await hr.SubmitAsync(await hr.GetAsync($"{Servers.WebUrl}/o/demo/policies/{policyId}/versions/2/publish"), "#publish-form", []);

        var versions = await fixture.InTenantAsync("demo", db => db.PolicyVersions.AsNoTracking().Where(v => v.PolicyId == policyId).OrderBy(v => v.Number).ToListAsync());
        Assert.Equal([PolicyVersionStatus.Superseded, PolicyVersionStatus.Published], versions.Select(v => v.Status));
        Assert.True(versions[1].IsMaterialChange);

        var diff = await hr.GetAsync($"{Servers.WebUrl}/o/demo/policies/{policyId}/diff?from=1&to=2");
        Assert.Contains(diff.Document.QuerySelectorAll("#diff-inline tr.diff-inserted"), r => r.TextContent.Contains("KI-Werkzeuge", StringComparison.Ordinal));
        Assert.Contains("Neuer Abschnitt zu KI-Werkzeugen", diff.Text, StringComparison.Ordinal);

        var actions = await fixture.InTenantAsync("demo", db => db.AuditEvents.AsNoTracking()
            .Where(e => e.Action.StartsWith("policy.")).OrderBy(e => e.Sequence).Select(e => e.Action).ToListAsync());
        Assert.Equal(
            ["policy.created", "policy.version_created", "policy.draft_edited", "policy.version_submitted", "policy.version_approved", "policy.version_published",
             "policy.version_created", "policy.draft_edited", "policy.version_submitted", "policy.version_approved", "policy.version_published"],
            actions);
    }

    [Fact]
    public async Task PublishedVersion_EveryPolicyEndpoint_LeavesItsTextAndFingerprintUnchanged()
    {
        using var hr = await fixture.DemoBrowserAsync("hr");
        using var approver = await fixture.DemoBrowserAsync("approver");
        using var admin = await fixture.DemoBrowserAsync("admin");
        var form = await hr.GetAsync($"{Servers.WebUrl}/o/demo/policies/new/crisis-playbook/en");
        var edit = await hr.SubmitAsync(form, "main form", new() { ["Values[company_name]"] = "Demo GmbH", ["Values[crisis_hotline]"] = "+49 30 999" });
        var policyId = Guid.Parse(edit.Url.Split("/policies/")[1].Split('/')[0]);
        await hr.SubmitAsync(edit, "#draft-form", new() { ["Then"] = "submit" });
        await approver.SubmitAsync(await approver.GetAsync($"{Servers.WebUrl}/o/demo/policies/{policyId}"), "form[action$='/versions/1/approve']", []);
        await hr.SubmitAsync(await hr.GetAsync($"{Servers.WebUrl}/o/demo/policies/{policyId}/versions/1/publish"), "#publish-form", []);
        var before = await fixture.InTenantAsync("demo", db => db.PolicyVersions.AsNoTracking().SingleAsync(v => v.PolicyId == policyId && v.Number == 1));
        Assert.Equal(PolicyVersionStatus.Published, before.Status);

        // The administrator holds every authoring and reviewing right; every unsafe policy endpoint is tried on version 1.
        var token = await admin.AntiforgeryTokenAsync($"{Servers.WebUrl}/o/demo");
        var endpoints = TenantEndpoints.All(Servers.Web.Services).Where(e => e.Method == "POST" && e.Pattern.Contains("policies/{id", StringComparison.Ordinal));
        foreach (var endpoint in endpoints)
        {
            foreach (var url in TenantEndpoints.Urls(endpoint, Servers.WebUrl, "demo", policyId))
            {
                using var response = await admin.SendAsync(HttpMethod.Post, url, new()
                {
                    ["__RequestVerificationToken"] = token,
                    ["Markdown"] = "# Replaced",
                    ["ConcurrencyStamp"] = before.ConcurrencyStamp.ToString(),
                    ["ChangeSummary"] = "try",
                    ["Reason"] = "try",
                });
                Assert.True((int)response.StatusCode < 500, $"{url} answered {(int)response.StatusCode}");
            }
        }

        var after = await fixture.InTenantAsync("demo", db => db.PolicyVersions.AsNoTracking().SingleAsync(v => v.Id == before.Id));
        Assert.Equal(before.Markdown, after.Markdown);
        Assert.Equal(before.Html, after.Html);
        Assert.Equal(before.ContentHash, after.ContentHash);
    }

    [Fact]
    public async Task Settings_OwnerMustBeAnAuthorAndTheCycleMovesTheNextReview()
    {
        using var hr = await fixture.DemoBrowserAsync("hr");
        using var approver = await fixture.DemoBrowserAsync("approver");
        var policyId = await fixture.PublishBlankPolicyAsync(hr, approver, "Travel");
        var approverId = await fixture.InTenantAsync("demo", db => db.Memberships.Where(m => m.Email == "approver@demo.policyhub.test").Select(m => m.Id).SingleAsync());
        var settings = await hr.GetAsync($"{Servers.WebUrl}/o/demo/policies/{policyId}/settings");

        var refused = await hr.SubmitAsync(settings, "#policy-settings-form", new() { ["OwnerId"] = approverId.ToString() });
        Assert.Contains("Choose the owner from the list.", refused.ErrorMessages);

        var saved = await hr.SubmitAsync(settings, "#policy-settings-form", new() { ["ReviewCycleMonths"] = "6", ["Title"] = "Travel and expenses" });
        Assert.Contains("The settings have been saved.", saved.Text, StringComparison.Ordinal);
        var (policy, publishedAt) = await fixture.InTenantAsync("demo", async db => (
            await db.Policies.AsNoTracking().SingleAsync(p => p.Id == policyId),
            await db.PolicyVersions.Where(v => v.PolicyId == policyId).Select(v => v.PublishedAt).SingleAsync()));
        Assert.Equal("Travel and expenses", policy.Title);
        Assert.Equal(publishedAt!.Value.AddMonths(6), policy.NextReviewAt);
    }
}
