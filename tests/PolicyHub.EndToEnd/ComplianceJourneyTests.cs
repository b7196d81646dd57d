using Microsoft.Playwright;
using PolicyHub.Core.Demo;
using PolicyHub.Testing;
using PolicyHub.Verify;

namespace PolicyHub.EndToEnd;

public sealed class ComplianceJourneyTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    private LiveServers Servers => fixture.Servers;

    [SkippableFact]
    public async Task ComplianceOfficer_FiltersTheTrail_ExportsEvidenceAndTheTrail_TheFileVerifies()
    {
        var compliance = await fixture.SignedInAsync("compliance");

        // The trail, filtered to people joining.
        await compliance.GotoAsync($"{Servers.WebUrl}/o/demo");
        await compliance.GetByRole(AriaRole.Link, new() { Name = "Audit trail" }).ClickAsync();
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
