using AngleSharp.Html.Parser;
using PolicyHub.Core.Policies;

namespace PolicyHub.IntegrationTests;

/// <summary>
/// The draft editor never loses work: autosave (one audit event per editing session), a conflicting save from a
/// second tab answered with the other text and nothing written, bad text refused with the message, and
/// <em>Submit for review</em> saving the typed text before it submits.
/// </summary>
public sealed class DraftAutosaveTests(LiveServersFixture fixture) : IClassFixture<LiveServersFixture>
{
    private LiveServers Servers => fixture.Servers;

    [Fact]
    public async Task Autosave_SavesWithOneEventPerSession_ConflictShowsTheirText_BadTextWritesNothing()
    {
        using var hr = await fixture.DemoBrowserAsync("hr");
        var edit = await hr.SubmitAsync(await hr.GetAsync($"{Servers.WebUrl}/o/demo/policies/new/blank/en"), "main form", new() { ["Title"] = "Autosave checks" });
        var policyId = Guid.Parse(edit.Url.Split("/policies/")[1].Split('/')[0]);
        var url = $"{Servers.WebUrl}/o/demo/policies/{policyId}/versions/1/draft";
        var fields = Fields(edit);
        var events = await DraftEventsAsync(policyId);

        // Two autosaves of one session: both saved, one event; the answer carries the new concurrency stamp.
        var first = await PostAsync(hr, url, fields, ("Markdown", "# Rules\n\nFirst words."));
        Assert.Equal(HttpStatusCode.OK, first.Status);
        Assert.Contains("Saved at", first.Text, StringComparison.Ordinal);
        fields["ConcurrencyStamp"] = first.Stamp!;
        var second = await PostAsync(hr, url, fields, ("Markdown", "# Rules\n\nFirst words. Second words."));
        Assert.Equal(HttpStatusCode.OK, second.Status);
        Assert.Equal("# Rules\n\nFirst words. Second words.", await MarkdownAsync(policyId));
        Assert.Equal(events + 1, await DraftEventsAsync(policyId));

        // A second tab (its own session, the stamp it was opened with) saves meanwhile: a conflict with the saved text.
        var other = Fields(await hr.GetAsync($"{Servers.WebUrl}/o/demo/policies/{policyId}/versions/1/edit"));
        var theirs = await PostAsync(hr, url, other, ("Markdown", "# Rules\n\nThe other tab's words."));
        Assert.Equal(HttpStatusCode.OK, theirs.Status);
        Assert.Equal(events + 2, await DraftEventsAsync(policyId));
        fields["ConcurrencyStamp"] = second.Stamp!;
        var conflict = await PostAsync(hr, url, fields, ("Markdown", "# Rules\n\nMy words."));
        Assert.Equal(HttpStatusCode.Conflict, conflict.Status);
        Assert.Contains("someone else saved this draft meanwhile", conflict.Text, StringComparison.Ordinal);
        Assert.Contains("The other tab's words.", conflict.Document.QuerySelector("#draft-conflict-theirs")?.TextContent, StringComparison.Ordinal);
        Assert.Contains("Hanna Richter", conflict.Text, StringComparison.Ordinal);
        Assert.Null(conflict.Stamp);
        Assert.Equal("# Rules\n\nThe other tab's words.", await MarkdownAsync(policyId));

        // Bad text: the message, nothing written.
        var empty = await PostAsync(hr, url, other, ("Markdown", ""), ("ConcurrencyStamp", theirs.Stamp!));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, empty.Status);
        Assert.Contains("Not saved: The policy text cannot be empty.", empty.Text, StringComparison.Ordinal);
        Assert.Equal("# Rules\n\nThe other tab's words.", await MarkdownAsync(policyId));
        Assert.Equal(events + 2, await DraftEventsAsync(policyId));

        // The same text again (an autosave after leaving the field): nothing is written.
        var same = await PostAsync(hr, url, other, ("Markdown", "# Rules\n\nThe other tab's words."), ("ConcurrencyStamp", theirs.Stamp!));
        Assert.Equal(HttpStatusCode.OK, same.Status);
        Assert.Equal(theirs.Stamp, same.Stamp);

        // In German, the indicator speaks German.
        using var german = await fixture.DemoBrowserAsync("hr");
        await german.SubmitAsync(await german.GetAsync($"{Servers.WebUrl}/"), "form[action='/culture']", [], ("culture", "de"));
        var germanFields = Fields(await german.GetAsync($"{Servers.WebUrl}/o/demo/policies/{policyId}/versions/1/edit"));
        var gespeichert = await PostAsync(german, url, germanFields, ("Markdown", "# Regeln\n\nDeutsch."));
        Assert.Contains("Gespeichert um", gespeichert.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SubmitForReview_WithUnsavedText_SavesTheTextFirst()
    {
        using var hr = await fixture.DemoBrowserAsync("hr");
        var edit = await hr.SubmitAsync(await hr.GetAsync($"{Servers.WebUrl}/o/demo/policies/new/blank/en"), "main form", new() { ["Title"] = "Submit saves first" });
        var policyId = Guid.Parse(edit.Url.Split("/policies/")[1].Split('/')[0]);

        var details = await hr.SubmitAsync(edit, "#draft-form", new() { ["Markdown"] = "# Typed\n\nNever saved by hand." }, ("Then", "submit"));

        Assert.Contains("Version 1 has been submitted for review.", details.Text, StringComparison.Ordinal);
        var version = await fixture.InTenantAsync("demo", db => db.PolicyVersions.AsNoTracking().SingleAsync(v => v.PolicyId == policyId && v.Number == 1));
        Assert.Equal(PolicyVersionStatus.InReview, version.Status);
        Assert.Equal("# Typed\n\nNever saved by hand.", version.Markdown);

        // Text that cannot be saved is not submitted either.
        var other = await hr.SubmitAsync(await hr.GetAsync($"{Servers.WebUrl}/o/demo/policies/new/blank/en"), "main form", new() { ["Title"] = "Submit refuses bad text" });
        var otherId = Guid.Parse(other.Url.Split("/policies/")[1].Split('/')[0]);
        var refused = await hr.SubmitAsync(other, "#draft-form", new() { ["Markdown"] = "" }, ("Then", "submit"));
        Assert.Contains("The draft was not submitted: correct the text first.", refused.ErrorMessages);
        Assert.Equal(PolicyVersionStatus.Draft, await fixture.InTenantAsync("demo", db => db.PolicyVersions.Where(v => v.PolicyId == otherId).Select(v => v.Status).SingleAsync()));
    }

    private static Dictionary<string, string> Fields(TestPage edit)
    {
        var form = edit.Document.QuerySelector("#draft-form")!;
        return form.QuerySelectorAll("input[type=hidden]").Where(i => i.GetAttribute("name") is { Length: > 0 })
            .ToDictionary(i => i.GetAttribute("name")!, i => i.GetAttribute("value") ?? string.Empty);
    }

    private static async Task<Answer> PostAsync(TestBrowser browser, string url, Dictionary<string, string> fields, params (string Name, string Value)[] values)
    {
        var form = new Dictionary<string, string>(fields);
        foreach (var (name, value) in values)
        {
            form[name] = value;
        }

        using var response = await browser.SendAsync(HttpMethod.Post, url, form);
        var text = await response.Content.ReadAsStringAsync();
        var document = new HtmlParser().ParseDocument(text);
        return new Answer(response.StatusCode, document.Body?.TextContent ?? string.Empty, document, document.QuerySelector("input#ConcurrencyStamp[hx-swap-oob]")?.GetAttribute("value"));
    }

    private Task<string> MarkdownAsync(Guid policyId)
        => fixture.InTenantAsync("demo", db => db.PolicyVersions.Where(v => v.PolicyId == policyId && v.Number == 1).Select(v => v.Markdown).SingleAsync());

    private Task<int> DraftEventsAsync(Guid policyId)
        => fixture.InTenantAsync("demo", db => db.AuditEvents.CountAsync(e => e.Action == "policy.draft_edited" && e.PolicyId == policyId));

    private sealed record Answer(HttpStatusCode Status, string Text, AngleSharp.Html.Dom.IHtmlDocument Document, string? Stamp);
}
