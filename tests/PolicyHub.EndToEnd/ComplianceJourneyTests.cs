using Microsoft.Playwright;
using PolicyHub.Demo;
using PolicyHub.Testing;
using PolicyHub.Verify;

namespace PolicyHub.EndToEnd;

public sealed class ComplianceJourneyTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    private LiveServers Servers => fixture.Servers;

    [SkippableFact]
    public async Task ComplianceOfficer_FiltersTheTrail_ExportsEvidenceAndTheTrail_TheFileVerifies()
    {
        var hr = await fixture.SignedInAsync("hr");
        var approver = await fixture.SignedInAsync("approver");
        await fixture.PublishPolicyAsync(hr, approver, "Finance social media rules", "# Finance social media rules\n\nNo figures before they are published.");
        await hr.GetByRole(AriaRole.Link, new() { Name = "Assign for acknowledgement" }).ClickAsync();
        await hr.GetByLabel("Finance").CheckAsync();
        await hr.GetByRole(AriaRole.Button, new() { Name = "Assign", Exact = true }).ClickAsync();
        await Assertions.Expect(hr.GetByRole(AriaRole.Status)).ToContainTextAsync("2 people are asked to acknowledge it.");
        var compliance = await fixture.SignedInAsync("compliance");

        // Who has not acknowledged the new policy, and the evidence for its version.
        await compliance.GotoAsync($"{Servers.WebUrl}/o/demo/compliance");
        await compliance.Locator("#coverage-table tr").Filter(new() { HasText = "Finance social media rules" }).GetByRole(AriaRole.Link, new() { Name = "Not acknowledged" }).ClickAsync();
        await Assertions.Expect(compliance.Locator("#outstanding-table")).ToContainTextAsync("Luca Wolf");
        var versionEvidence = await compliance.RunAndWaitForDownloadAsync(() => compliance.GetByRole(AriaRole.Button, new() { Name = "Export evidence for this version (CSV)" }).ClickAsync());
        var evidencePath = Path.Combine(BrowserFixture.ScreenshotFolder, versionEvidence.SuggestedFilename);
        await versionEvidence.SaveAsAsync(evidencePath);
        var evidenceRows = Rfc4180.Parse(await File.ReadAllBytesAsync(evidencePath));
        Assert.Equal(["Luca Wolf", "Marie Neumann"], evidenceRows.Skip(1).Select(r => r[1]).Order(StringComparer.Ordinal));

        // The trail, filtered to people joining.
        await compliance.GotoAsync($"{Servers.WebUrl}/o/demo");
        await compliance.GetByRole(AriaRole.Navigation, new() { Name = "Organisation" }).GetByRole(AriaRole.Link, new() { Name = "Audit trail" }).ClickAsync();
        await compliance.GetByLabel("Event type").SelectOptionAsync("member.joined");
        await compliance.GetByRole(AriaRole.Button, new() { Name = "Filter" }).ClickAsync();
        await Assertions.Expect(compliance.Locator("#audit-table tbody tr").First).ToContainTextAsync("member.joined");
        await BrowserFixture.AssertAccessibleAsync(compliance);
        await compliance.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotFolder, "audit-trail.png"), FullPage = true });
        await compliance.Locator("#audit-table tbody tr a").First.ClickAsync();
        await Assertions.Expect(compliance.Locator("#event-check")).ToContainTextAsync("The hash recomputes");

        // Evidence for one person downloads as CSV.
        await compliance.GotoAsync($"{Servers.WebUrl}/o/demo/compliance");
        await compliance.GetByLabel("Email address").FillAsync($"compliance@{DemoPeople.Domain}");
        var evidence = await compliance.RunAndWaitForDownloadAsync(() => compliance.GetByRole(AriaRole.Button, new() { Name = "Export (CSV)" }).ClickAsync());
        Assert.EndsWith(".csv", evidence.SuggestedFilename, StringComparison.Ordinal);

        // The whole trail as JSON Lines verifies with the verifier.
        await compliance.GotoAsync($"{Servers.WebUrl}/o/demo/audit");
        var download = await compliance.RunAndWaitForDownloadAsync(() => compliance.GetByRole(AriaRole.Button, new() { Name = "Export JSON Lines (for verification)" }).ClickAsync());
        var path = Path.Combine(BrowserFixture.ScreenshotFolder, download.SuggestedFilename);
        await download.SaveAsAsync(path);
        using var reader = new StreamReader(path);
        var verdict = ExportVerifier.Verify(reader);
        Assert.True(verdict.Ok, verdict.Message);
    }
}
