using System.Text.RegularExpressions;
using Microsoft.Playwright;
using PolicyHub.Demo;
using PolicyHub.Testing;

namespace PolicyHub.EndToEnd;

public sealed class AcknowledgementJourneyTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    private LiveServers Servers => fixture.Servers;

    [SkippableFact]
    public async Task FailedAcknowledgement_ShowsTheErrorSummaryInTheViewport_WithoutScrolling()
    {
        var hr = await fixture.SignedInAsync("hr");
        var approver = await fixture.SignedInAsync("approver");
        var longText = "# Long reading rules\n\n" + string.Concat(Enumerable.Range(1, 60).Select(i => $"## Rule {i}\n\nRule number {i} of a long text that fills several screens.\n\n"));
        await fixture.PublishPolicyAsync(hr, approver, "Long reading rules", longText);
        await hr.GetByRole(AriaRole.Link, new() { Name = "Assign for acknowledgement" }).ClickAsync();
        await hr.GetByLabel("Sales").CheckAsync();
        await hr.GetByRole(AriaRole.Button, new() { Name = "Assign", Exact = true }).ClickAsync();
        await Assertions.Expect(hr.GetByRole(AriaRole.Status)).ToContainTextAsync("The policy has been assigned:");

        var emil = await fixture.SignedInAsync("employee");
        await emil.GotoAsync($"{Servers.WebUrl}/o/demo");
        await emil.Locator("#to-acknowledge li", new() { HasText = "Long reading rules" }).GetByRole(AriaRole.Link, new() { Name = "Read and acknowledge" }).ClickAsync();
        await emil.GetByRole(AriaRole.Button, new() { Name = "Acknowledge" }).ClickAsync();

        var summary = emil.Locator("#error-summary");
        await Assertions.Expect(summary).ToContainTextAsync("Tick the box to confirm that you have read and understood the policy.");
        await Assertions.Expect(summary).ToBeInViewportAsync();
        await Assertions.Expect(summary).ToBeFocusedAsync();
        await Assertions.Expect(emil.GetByLabel("I have read and understood “Long reading rules” (version 1) and I will follow it.")).ToBeVisibleAsync();

        // Acknowledged after all, so Emil's inbox is as the other journeys expect it.
        await emil.GetByLabel("I have read and understood “Long reading rules” (version 1) and I will follow it.").CheckAsync();
        await emil.GetByRole(AriaRole.Button, new() { Name = "Acknowledge" }).ClickAsync();
        await Assertions.Expect(emil.GetByRole(AriaRole.Status)).ToContainTextAsync("Your acknowledgement is recorded");
    }

    [SkippableFact]
    public async Task HrFindsPeopleByTyping_AddsThemAsChips_TheLiveCountFollows_AndOnlyTheyAreAsked()
    {
        var hr = await fixture.SignedInAsync("hr");
        var approver = await fixture.SignedInAsync("approver");
        await fixture.PublishPolicyAsync(hr, approver, "Chosen people rules", "# Chosen people rules\n\nFor two named people.");
        await hr.GetByRole(AriaRole.Link, new() { Name = "Assign for acknowledgement" }).ClickAsync();

        await hr.GetByLabel("Find people by name or email").FillAsync("schw");
        await hr.GetByRole(AriaRole.Button, new() { Name = "Add Ben Schwarz" }).ClickAsync();
        await Assertions.Expect(hr.Locator("#chosen-people")).ToContainTextAsync("Ben Schwarz");
        await Assertions.Expect(hr.Locator("#audience-count")).ToContainTextAsync("1 person");
        await hr.GetByLabel("Find people by name or email").FillAsync("lena");
        await hr.GetByRole(AriaRole.Button, new() { Name = "Add Lena Fischer" }).ClickAsync();
        await Assertions.Expect(hr.Locator("#audience-count")).ToContainTextAsync("2 people");
        await hr.GetByRole(AriaRole.Button, new() { Name = "Remove Ben Schwarz" }).ClickAsync();
        await Assertions.Expect(hr.Locator("#audience-count")).ToContainTextAsync("1 person");
        await hr.GetByLabel("Find people by name or email").FillAsync("schwarz");
        await hr.GetByRole(AriaRole.Button, new() { Name = "Add Ben Schwarz" }).ClickAsync();
        await Assertions.Expect(hr.Locator("#audience-count")).ToContainTextAsync("2 people");
        await BrowserFixture.AssertAccessibleAsync(hr);
        await hr.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotFolder, "assign-people.png"), FullPage = true });

        await hr.GetByRole(AriaRole.Button, new() { Name = "Assign", Exact = true }).ClickAsync();
        await Assertions.Expect(hr.GetByRole(AriaRole.Status)).ToContainTextAsync("2 people are asked to acknowledge it.");
    }

    [SkippableFact]
    public async Task ComprehensionQuestions_BlockTheStatementUntilAnswered_AndAWrongAnswerLeadsToItsSection()
    {
        var hr = await fixture.SignedInAsync("hr");
        var approver = await fixture.SignedInAsync("approver");

        // HR writes the text and two questions on the draft.
        await hr.GotoAsync($"{Servers.WebUrl}/o/demo/policies/new/blank/en");
        await hr.GetByLabel("Title").FillAsync("Quiz journey rules");
        await hr.GetByRole(AriaRole.Button, new() { Name = "Create draft" }).ClickAsync();
        await hr.WaitForURLAsync(new Regex("/versions/1/edit$"));
        var editUrl = hr.Url;
        await hr.GetByLabel("Text (Markdown)").FillAsync("# Quiz journey rules\n\n## Figures\n\nNever post figures that are not published.\n\n"
            + string.Concat(Enumerable.Range(1, 40).Select(i => $"Filler paragraph {i} so that the sections are far apart.\n\n")) + "## Press\n\nJournalists are answered by the press team.");
        await hr.GetByRole(AriaRole.Button, new() { Name = "Save draft" }).ClickAsync();
        await hr.GetByRole(AriaRole.Link, new() { Name = "Edit questions" }).ClickAsync();
        await hr.GetByLabel("Question", new() { Exact = true }).FillAsync("May you post figures that are not published?");
        await hr.GetByLabel("Answer 1", new() { Exact = true }).FillAsync("Yes");
        await hr.GetByLabel("Answer 2", new() { Exact = true }).FillAsync("No");
        await hr.GetByLabel("Answer 2 is right").CheckAsync();
        await hr.GetByLabel("Section that explains the answer").SelectOptionAsync(new SelectOptionValue { Label = "Figures" });
        await hr.GetByRole(AriaRole.Button, new() { Name = "Add question" }).ClickAsync();
        await Assertions.Expect(hr.GetByRole(AriaRole.Status)).ToContainTextAsync("The question has been added.");
        await hr.GetByLabel("Question", new() { Exact = true }).FillAsync("Who answers journalists?");
        await hr.GetByLabel("Answer 1", new() { Exact = true }).FillAsync("Anyone who is asked");
        await hr.GetByLabel("Answer 2", new() { Exact = true }).FillAsync("The press team");
        await hr.GetByLabel("Answer 2 is right").CheckAsync();
        await hr.GetByLabel("Section that explains the answer").SelectOptionAsync(new SelectOptionValue { Label = "Press" });
        await hr.GetByRole(AriaRole.Button, new() { Name = "Add question" }).ClickAsync();
        await Assertions.Expect(hr.Locator("#questions > li")).ToHaveCountAsync(2);
        await BrowserFixture.AssertAccessibleAsync(hr);
        await hr.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotFolder, "questions.png"), FullPage = true });

        // Reviewed and published with the version; assigned to Sales with the check.
        await hr.GotoAsync(editUrl);
        await hr.GetByRole(AriaRole.Button, new() { Name = "Submit for review" }).ClickAsync();
        var policyUrl = hr.Url;
        await approver.GotoAsync(policyUrl);
        await approver.GetByRole(AriaRole.Button, new() { Name = "Approve" }).ClickAsync();
        await hr.GotoAsync(policyUrl);
        await hr.GetByRole(AriaRole.Link, new() { Name = "Publish…" }).ClickAsync();
        await hr.GetByRole(AriaRole.Button, new() { Name = "Publish version 1" }).ClickAsync();
        await hr.GetByRole(AriaRole.Link, new() { Name = "Assign for acknowledgement" }).ClickAsync();
        await hr.GetByLabel("Sales").CheckAsync();
        await hr.GetByLabel("Ask 2 questions before the statement").CheckAsync();
        await hr.GetByRole(AriaRole.Button, new() { Name = "Assign", Exact = true }).ClickAsync();
        await Assertions.Expect(hr.GetByRole(AriaRole.Status)).ToContainTextAsync("The policy has been assigned:");

        // Emil sees the questions, not the statement.
        var emil = await fixture.SignedInAsync("employee");
        await emil.GotoAsync($"{Servers.WebUrl}/o/demo");
        await emil.Locator("#to-acknowledge li", new() { HasText = "Quiz journey rules" }).GetByRole(AriaRole.Link, new() { Name = "Read and acknowledge" }).ClickAsync();
        await Assertions.Expect(emil.Locator("#comprehension-check")).ToContainTextAsync("Answer these 2 questions before you acknowledge the policy.");
        await Assertions.Expect(emil.GetByLabel("I have read and understood “Quiz journey rules” (version 1) and I will follow it.")).ToHaveCountAsync(0);
        await BrowserFixture.AssertAccessibleAsync(emil);

        // One wrong answer: it points at its section, and the link takes him there.
        await emil.GetByRole(AriaRole.Group, new() { Name = "1. May you post figures that are not published?" }).GetByLabel("No").CheckAsync();
        await emil.GetByRole(AriaRole.Group, new() { Name = "2. Who answers journalists?" }).GetByLabel("Anyone who is asked").CheckAsync();
        await emil.GetByRole(AriaRole.Button, new() { Name = "Check my answers" }).ClickAsync();
        await Assertions.Expect(emil.Locator("#check-failed")).ToContainTextAsync("1 answer is not right yet.");
        await Assertions.Expect(emil.Locator("#question-1-hint")).ToHaveCountAsync(0);
        await Assertions.Expect(emil.GetByLabel("I have read and understood “Quiz journey rules” (version 1) and I will follow it.")).ToHaveCountAsync(0);
        await BrowserFixture.AssertAccessibleAsync(emil);
        await emil.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotFolder, "questions-wrong.png"), FullPage = true });
        await emil.Locator("#question-2-hint").GetByRole(AriaRole.Link, new() { Name = "Press" }).ClickAsync();
        await Assertions.Expect(emil.Locator("#policy-text h2", new() { HasText = "Press" })).ToBeInViewportAsync();

        // Both right: the statement opens, and the acknowledgement is recorded.
        await emil.GetByRole(AriaRole.Group, new() { Name = "2. Who answers journalists?" }).GetByLabel("The press team").CheckAsync();
        await emil.GetByRole(AriaRole.Button, new() { Name = "Check my answers" }).ClickAsync();
        await Assertions.Expect(emil.GetByRole(AriaRole.Status)).ToContainTextAsync("Every answer is right.");
        await Assertions.Expect(emil.Locator("#check-passed")).ToContainTextAsync("in 2 tries");
        await emil.GetByLabel("I have read and understood “Quiz journey rules” (version 1) and I will follow it.").CheckAsync();
        await emil.GetByRole(AriaRole.Button, new() { Name = "Acknowledge" }).ClickAsync();
        await Assertions.Expect(emil.GetByRole(AriaRole.Status)).ToContainTextAsync("Your acknowledgement is recorded");
    }

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
