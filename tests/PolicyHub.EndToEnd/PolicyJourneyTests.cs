using System.Text.RegularExpressions;
using Microsoft.Playwright;
using PolicyHub.Demo;
using PolicyHub.Testing;

namespace PolicyHub.EndToEnd;

public sealed class PolicyJourneyTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    private LiveServers Servers => fixture.Servers;

    [SkippableFact]
    public async Task PolicyManager_CreatesGermanGuidelinesFromTheTemplate_ApproverApproves_PublishedThenMaterialVersionTwoWithDiff()
    {
        var hr = await fixture.SignedInAsync("hr");
        var approver = await fixture.SignedInAsync("approver");

        // HR picks the German template and fills in the company's details.
        await hr.GotoAsync($"{Servers.WebUrl}/o/demo/policies");
        await hr.GetByRole(AriaRole.Link, new() { Name = "New policy" }).ClickAsync();
        await hr.GetByRole(AriaRole.Link, new() { Name = "Social-Media-Leitlinien für Mitarbeitende (B2B)" }).ClickAsync();
        await hr.GetByLabel("Title").FillAsync("Social-Media-Leitlinien");
        await hr.GetByLabel("Name des Unternehmens").FillAsync("Demo GmbH");
        await hr.GetByLabel("Social-Media-Team").FillAsync("Unternehmenskommunikation");
        await hr.GetByLabel("Ansprechpartner Social Media").FillAsync("social@demo.example");
        await hr.GetByLabel("Krisen-Hotline").FillAsync("+49 30 1234567");
        await hr.GetByRole(AriaRole.Button, new() { Name = "Create draft" }).ClickAsync();
        await hr.WaitForURLAsync(new Regex("/versions/1/edit$"));

        // Edit with the live preview.
        var editor = hr.GetByLabel("Text (Markdown)");
        await editor.PressAsync("Control+End");
        await editor.PressSequentiallyAsync("\n\n## Kontakt zum Datenschutz\n\nFragen an **datenschutz@demo.example**.");
        await Assertions.Expect(hr.Locator("#preview h2").Filter(new() { HasText = "Kontakt zum Datenschutz" })).ToBeVisibleAsync();
        await hr.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotFolder, "policy-editor-preview.png"), FullPage = true });
        await hr.GetByRole(AriaRole.Button, new() { Name = "Save draft" }).ClickAsync();
        await Assertions.Expect(hr.GetByRole(AriaRole.Status)).ToContainTextAsync("The draft has been saved.");
        await hr.GetByRole(AriaRole.Button, new() { Name = "Submit for review" }).ClickAsync();
        await Assertions.Expect(hr.GetByRole(AriaRole.Status)).ToContainTextAsync("Version 1 has been submitted for review.");
        var policyUrl = hr.Url;

        // The approver approves, HR publishes.
        await approver.GotoAsync(policyUrl);
        await approver.GetByRole(AriaRole.Button, new() { Name = "Approve" }).ClickAsync();
        await Assertions.Expect(approver.GetByRole(AriaRole.Status)).ToContainTextAsync("approved");
        await hr.ReloadAsync();
        await hr.GetByRole(AriaRole.Button, new() { Name = "Publish" }).ClickAsync();
        await Assertions.Expect(hr.GetByRole(AriaRole.Status)).ToContainTextAsync("Version 1 is published.");

        // A material version 2 and its diff.
        await hr.GetByLabel("What changes in this version").FillAsync("Abschnitt zu KI-Werkzeugen");
        await hr.GetByRole(AriaRole.Button, new() { Name = "Start version 2" }).ClickAsync();
        await hr.WaitForURLAsync(new Regex("/versions/2/edit$"));
        await hr.GetByLabel("Text (Markdown)").PressAsync("Control+End");
        await hr.GetByLabel("Text (Markdown)").PressSequentiallyAsync("\n\n## KI-Werkzeuge\n\nKeine vertraulichen Daten in öffentliche KI-Werkzeuge.");
        await hr.GetByRole(AriaRole.Button, new() { Name = "Save draft" }).ClickAsync();
        await hr.GetByRole(AriaRole.Button, new() { Name = "Submit for review" }).ClickAsync();
        await approver.GotoAsync(policyUrl);
        await approver.GetByRole(AriaRole.Button, new() { Name = "Approve" }).ClickAsync();
        await hr.GotoAsync(policyUrl);
        await hr.GetByRole(AriaRole.Button, new() { Name = "Publish" }).ClickAsync();
        await Assertions.Expect(hr.GetByRole(AriaRole.Status)).ToContainTextAsync("Version 2 is published.");
        await Assertions.Expect(hr.Locator("#version-table")).ToContainTextAsync("Superseded");

        await hr.GetByRole(AriaRole.Link, new() { Name = "Compare with version 1" }).ClickAsync();
        await Assertions.Expect(hr.Locator("#diff-side td.diff-inserted").Filter(new() { HasText = "KI-Werkzeuge" }).First).ToBeVisibleAsync();
        await hr.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotFolder, "policy-diff.png"), FullPage = true });
        await hr.GetByRole(AriaRole.Tab, new() { Name = "Inline" }).ClickAsync();
        await Assertions.Expect(hr.Locator("#diff-inline tr.diff-inserted").Filter(new() { HasText = "KI-Werkzeuge" }).First).ToBeVisibleAsync();
    }
}
