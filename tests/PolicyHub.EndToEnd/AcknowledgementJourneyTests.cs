using System.Text.RegularExpressions;
using Microsoft.Playwright;
using PolicyHub.Demo;
using PolicyHub.Testing;

namespace PolicyHub.EndToEnd;

public sealed class AcknowledgementJourneyTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    private LiveServers Servers => fixture.Servers;

    [SkippableFact]
    public async Task HrAssignsToSales_EmployeeReadsAcknowledgesAndGetsReceipt_DashboardShowsIt_MarketingDoesNotSeeIt()
    {
        var hr = await fixture.SignedInAsync("hr");
        var approver = await fixture.SignedInAsync("approver");

        // HR writes a short policy; the approver approves; HR publishes.
        await fixture.PublishPolicyAsync(hr, approver, "Sales social media rules", "# Sales social media rules\n\nTalk about our products, never about our customers.");
        var policyUrl = hr.Url;

        // HR assigns it to the Sales department.
        await hr.GetByRole(AriaRole.Link, new() { Name = "Assign for acknowledgement" }).ClickAsync();
        await hr.GetByLabel("Sales").CheckAsync();
        await hr.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotFolder, "assign.png"), FullPage = true });
        await hr.GetByRole(AriaRole.Button, new() { Name = "Assign", Exact = true }).ClickAsync();
        await Assertions.Expect(hr.GetByRole(AriaRole.Status)).ToContainTextAsync("4 people are asked to acknowledge it.");

        // Emil (Sales) sees it, reads it, acknowledges and gets his receipt.
        var emil = await fixture.SignedInAsync("employee");
        await Assertions.Expect(emil.Locator("#organisation-list")).ToContainTextAsync("1 to acknowledge");
        await emil.GetByRole(AriaRole.Link, new() { Name = "Demo GmbH" }).ClickAsync();
        await Assertions.Expect(emil.Locator("#to-acknowledge")).ToContainTextAsync("Sales social media rules");
        await emil.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotFolder, "employee-home.png"), FullPage = true });
        await emil.Locator("#to-acknowledge").GetByRole(AriaRole.Link, new() { Name = "Read and acknowledge" }).ClickAsync();
        await Assertions.Expect(emil.Locator("#policy-text")).ToContainTextAsync("never about our customers");
        await BrowserFixture.AssertAccessibleAsync(emil);
        await emil.GetByLabel("I have read and understood “Sales social media rules” (version 1) and I will follow it.").CheckAsync();
        await emil.GetByLabel("Your full name (optional)").FillAsync("Emil Schmidt");
        await emil.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotFolder, "reading-page.png"), FullPage = true });
        await emil.GetByRole(AriaRole.Button, new() { Name = "Acknowledge" }).ClickAsync();
        await Assertions.Expect(emil.GetByRole(AriaRole.Status)).ToContainTextAsync("Your acknowledgement is recorded");
        await Assertions.Expect(emil.Locator("#receipt-hash")).ToHaveTextAsync(new Regex("^[0-9a-f]{64}$"));
        await Assertions.Expect(emil.Locator("#receipt")).ToContainTextAsync("Emil Schmidt");
        await BrowserFixture.AssertAccessibleAsync(emil);
        await emil.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotFolder, "receipt.png"), FullPage = true });
        var download = await emil.RunAndWaitForDownloadAsync(() => emil.GetByRole(AriaRole.Link, new() { Name = "Download PDF" }).ClickAsync());
        Assert.EndsWith(".pdf", download.SuggestedFilename, StringComparison.Ordinal);

        // HR's dashboard shows the completion, with the chart drawn.
        await hr.GotoAsync(policyUrl);
        await hr.Locator("#assignment-table").GetByRole(AriaRole.Link, new() { Name = "Version 1" }).ClickAsync();
        await Assertions.Expect(hr.Locator("#completion-percent")).ToHaveTextAsync("25 %");
        await Assertions.Expect(hr.Locator("#by-department")).ToContainTextAsync("1 / 4");
        await hr.WaitForFunctionAsync("() => { const c = document.getElementById('completion-chart'); return c && c.width > 0 && window.Chart && Chart.getChart(c); }");
        await BrowserFixture.AssertAccessibleAsync(hr);
        await hr.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotFolder, "dashboard.png"), FullPage = true });

        // Mia (Marketing) is not asked.
        var mia = await fixture.SignedInAsync("mia.wagner");
        await mia.GotoAsync($"{Servers.WebUrl}/o/demo");
        await Assertions.Expect(mia.Locator("main")).Not.ToContainTextAsync("Sales social media rules");
    }
}
