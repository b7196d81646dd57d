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
        await hr.GetByRole(AriaRole.Link, new() { Name = "Publish…" }).ClickAsync();
        await Assertions.Expect(hr.Locator("#publish-consequences")).ToContainTextAsync("Nobody is asked to acknowledge it yet");
        await hr.GetByRole(AriaRole.Button, new() { Name = "Publish version 1" }).ClickAsync();
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
        await hr.GetByRole(AriaRole.Link, new() { Name = "Publish…" }).ClickAsync();
        await hr.GetByRole(AriaRole.Button, new() { Name = "Publish version 2" }).ClickAsync();
        await Assertions.Expect(hr.GetByRole(AriaRole.Status)).ToContainTextAsync("Version 2 is published.");
        await Assertions.Expect(hr.Locator("#version-table")).ToContainTextAsync("Superseded");

        await hr.GetByRole(AriaRole.Link, new() { Name = "Compare with version 1" }).ClickAsync();
        await Assertions.Expect(hr.Locator("#diff-side td.diff-inserted").Filter(new() { HasText = "KI-Werkzeuge" }).First).ToBeVisibleAsync();
        await hr.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotFolder, "policy-diff.png"), FullPage = true });
        await hr.GetByRole(AriaRole.Tab, new() { Name = "Inline" }).ClickAsync();
        await Assertions.Expect(hr.Locator("#diff-inline tr.diff-inserted").Filter(new() { HasText = "KI-Werkzeuge" }).First).ToBeVisibleAsync();
    }

    [SkippableFact]
    public async Task PolicyManager_TypesAndSubmitsWithoutSaving_TheSubmittedVersionHoldsTheText()
    {
        var hr = await fixture.SignedInAsync("hr");
        await hr.GotoAsync($"{Servers.WebUrl}/o/demo/policies/new/blank/en");
        await hr.GetByLabel("Title").FillAsync("Typed, never saved");
        await hr.GetByRole(AriaRole.Button, new() { Name = "Create draft" }).ClickAsync();
        await hr.WaitForURLAsync(new Regex("/versions/1/edit$"));

        await hr.GetByLabel("Text (Markdown)").FillAsync("# Typed\n\nWords nobody saved by hand.");
        await hr.GetByRole(AriaRole.Button, new() { Name = "Submit for review" }).ClickAsync();

        await Assertions.Expect(hr.GetByRole(AriaRole.Status)).ToContainTextAsync("Version 1 has been submitted for review.");
        await hr.GotoAsync(hr.Url.TrimEnd('/') + "/versions/1");
        await Assertions.Expect(hr.Locator("article")).ToContainTextAsync("Words nobody saved by hand.");
    }

    [SkippableFact]
    public async Task TwoTabs_EditTheSameDraft_TheLaterAutosaveShowsAConflictWithTheOtherText()
    {
        var first = await fixture.SignedInAsync("hr");
        await first.GotoAsync($"{Servers.WebUrl}/o/demo/policies/new/blank/en");
        await first.GetByLabel("Title").FillAsync("Two tabs");
        await first.GetByRole(AriaRole.Button, new() { Name = "Create draft" }).ClickAsync();
        await first.WaitForURLAsync(new Regex("/versions/1/edit$"));
        var second = await fixture.SignedInAsync("hr");
        await second.GotoAsync(first.Url);

        await first.GetByLabel("Text (Markdown)").FillAsync("# Two tabs\n\nThe first tab's words.");
        await Assertions.Expect(first.Locator("#draft-status-text")).ToContainTextAsync("Saved at");
        await second.GetByLabel("Text (Markdown)").FillAsync("# Two tabs\n\nThe second tab's words.");

        await Assertions.Expect(second.Locator("#draft-conflict-theirs")).ToContainTextAsync("The first tab's words.");
        await Assertions.Expect(second.Locator("#draft-status-text")).ToContainTextAsync("someone else saved this draft meanwhile");
        await Assertions.Expect(second.GetByLabel("Text (Markdown)")).ToHaveValueAsync("# Two tabs\n\nThe second tab's words.");
        await second.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotFolder, "draft-conflict.png"), FullPage = true });
    }

    [SkippableFact]
    public async Task PublishAndRetire_ConfirmationsStateWhoIsAsked_TheDueDateIsChosenThere_AndARetiredPolicyComesBackAsADraft()
    {
        var hr = await fixture.SignedInAsync("hr");
        var approver = await fixture.SignedInAsync("approver");
        await fixture.PublishPolicyAsync(hr, approver, "Confirmed rules", "# Confirmed rules\n\nVersion one.");
        var policyUrl = hr.Url;
        await hr.GetByRole(AriaRole.Link, new() { Name = "Assign for acknowledgement" }).ClickAsync();
        await Assertions.Expect(hr.Locator("#audience-count")).ToContainTextAsync("Choose who must acknowledge");
        await hr.GetByLabel("Sales").CheckAsync();
        await Assertions.Expect(hr.Locator("#audience-count")).ToContainTextAsync("This asks 4 people.");
        await hr.GetByRole(AriaRole.Button, new() { Name = "Assign", Exact = true }).ClickAsync();
        await Assertions.Expect(hr.GetByRole(AriaRole.Status)).ToContainTextAsync("4 people are asked to acknowledge it.");

        // A material version 2: the confirmation says whom it asks again and lets HR choose the due date.
        await hr.GetByLabel("What changes in this version").FillAsync("Clearer rules");
        await hr.GetByRole(AriaRole.Button, new() { Name = "Start version 2" }).ClickAsync();
        await hr.GetByLabel("Text (Markdown)").FillAsync("# Confirmed rules\n\nVersion two.");
        await hr.GetByRole(AriaRole.Button, new() { Name = "Submit for review" }).ClickAsync();
        await approver.GotoAsync(policyUrl);
        await approver.GetByRole(AriaRole.Button, new() { Name = "Approve" }).ClickAsync();
        await hr.GotoAsync(policyUrl);
        await hr.GetByRole(AriaRole.Link, new() { Name = "Publish…" }).ClickAsync();
        await Assertions.Expect(hr.Locator("#publish-audience")).ToContainTextAsync("asks 4 people to acknowledge version 2 again");
        var due = DateTime.UtcNow.Date.AddDays(10);
        await hr.GetByLabel("Due date for the new acknowledgements").FillAsync(due.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        await hr.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotFolder, "publish-confirmation.png"), FullPage = true });
        await hr.GetByRole(AriaRole.Button, new() { Name = "Publish version 2" }).ClickAsync();
        await Assertions.Expect(hr.GetByRole(AriaRole.Status)).ToContainTextAsync("Version 2 is published.");
        await hr.Locator("#assignment-table").GetByRole(AriaRole.Link, new() { Name = "Version 2" }).ClickAsync();
        await Assertions.Expect(hr.Locator("main")).ToContainTextAsync(due.ToString("d", new System.Globalization.CultureInfo("en-US")));

        // Retiring says how many open requests it withdraws; the retired policy can come back as a draft.
        await hr.GotoAsync(policyUrl);
        await hr.GetByRole(AriaRole.Link, new() { Name = "Retire this policy…" }).ClickAsync();
        await Assertions.Expect(hr.Locator("#retire-requests")).ToContainTextAsync("1 active assignment close and 4 open requests are withdrawn");
        await hr.GetByRole(AriaRole.Button, new() { Name = "Retire this policy" }).ClickAsync();
        await Assertions.Expect(hr.GetByRole(AriaRole.Status)).ToContainTextAsync("The policy has been retired.");
        await hr.GetByRole(AriaRole.Button, new() { Name = "Reinstate as a new draft" }).ClickAsync();
        await hr.WaitForURLAsync(new Regex("/versions/3/edit$"));
        await Assertions.Expect(hr.GetByLabel("Text (Markdown)")).ToHaveValueAsync("# Confirmed rules\n\nVersion two.");
    }

    [SkippableFact]
    public async Task Review_ApproverSeesTheCount_OpensTheEmail_RequestsChanges_HrFixes_ApproverApproves()
    {
        var hr = await fixture.SignedInAsync("hr");
        var approver = await fixture.SignedInAsync("approver");
        await hr.GotoAsync($"{Servers.WebUrl}/o/demo/policies/new/blank/en");
        await hr.GetByLabel("Title").FillAsync("Reviewed rules");
        await hr.GetByRole(AriaRole.Button, new() { Name = "Create draft" }).ClickAsync();
        await hr.GetByLabel("Text (Markdown)").FillAsync("# Reviewed rules\n\nAsk the team.");
        await hr.GetByRole(AriaRole.Button, new() { Name = "Submit for review" }).ClickAsync();
        await Assertions.Expect(hr.GetByRole(AriaRole.Status)).ToContainTextAsync("Version 1 has been submitted for review.");
        var policyUrl = hr.Url;

        // The approver sees how many wait, and opens the version from the email (Demo GmbH writes German).
        await approver.GotoAsync($"{Servers.WebUrl}/o/demo");
        await Assertions.Expect(approver.Locator("#nav-reviews .badge")).ToBeVisibleAsync();
        await Assertions.Expect(approver.Locator("#waiting-for-review")).ToContainTextAsync("Reviewed rules");
        var mail = await fixture.OpenMailboxRowAsync(approver, $"approver@{DemoPeople.Domain}", "„Reviewed rules“ wartet auf Ihre Prüfung");
        await mail.First.GetByRole(AriaRole.Link).ClickAsync();
        await approver.Locator("a.mail-link").First.ClickAsync();
        await approver.WaitForURLAsync(new Regex("/versions/1$"));
        await approver.GetByLabel("What should change").FillAsync("Name the contact person.");
        await approver.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotFolder, "review-version-page.png"), FullPage = true });
        await approver.GetByRole(AriaRole.Button, new() { Name = "Request changes" }).ClickAsync();
        await Assertions.Expect(approver.GetByRole(AriaRole.Status)).ToContainTextAsync("Version 1 has gone back to its author.");

        // HR gets the mail, reads the request in the thread, fixes the text and submits again.
        var returned = await fixture.OpenMailboxRowAsync(hr, $"hr@{DemoPeople.Domain}", "Änderungen an Version 1 von „Reviewed rules“");
        await Assertions.Expect(returned.First).ToBeVisibleAsync();
        await hr.GotoAsync(policyUrl + "/versions/1");
        await Assertions.Expect(hr.Locator("#review-thread")).ToContainTextAsync("Name the contact person.");
        await hr.GotoAsync(policyUrl + "/versions/1/edit");
        await hr.GetByLabel("Text (Markdown)").FillAsync("# Reviewed rules\n\nAsk Clara Vogel, our contact person.");
        await hr.GetByRole(AriaRole.Button, new() { Name = "Submit for review" }).ClickAsync();

        // The approver approves with a comment; the thread keeps the whole review.
        await approver.GotoAsync(policyUrl + "/versions/1");
        await approver.GetByLabel("Comment for the author (optional)").FillAsync("Clear now.");
        await approver.Locator("#approve-form").GetByRole(AriaRole.Button, new() { Name = "Approve" }).ClickAsync();
        await Assertions.Expect(approver.GetByRole(AriaRole.Status)).ToContainTextAsync("Version 1 has been approved and can be published.");
        await hr.GotoAsync(policyUrl + "/versions/1");
        await Assertions.Expect(hr.Locator("#review-thread li")).ToHaveCountAsync(4);
        await Assertions.Expect(hr.Locator("#review-thread")).ToContainTextAsync("Clear now.");
        await BrowserFixture.AssertAccessibleAsync(hr);
    }

    [SkippableFact]
    public async Task Diff_OfAOneWordChange_HighlightsTheWord_AndFoldsTheUnchangedText()
    {
        var hr = await fixture.SignedInAsync("hr");
        var approver = await fixture.SignedInAsync("approver");
        var text = "# Word diff\n\n" + string.Join("\n\n", Enumerable.Range(1, 15).Select(i => $"Rule {i} stays as it is."));
        await fixture.PublishPolicyAsync(hr, approver, "Word diff", text);
        var policyUrl = hr.Url;
        await hr.GetByLabel("What changes in this version").FillAsync("One word");
        await hr.GetByLabel("Minor change (for example a typo): earlier acknowledgements stay valid").CheckAsync();
        await hr.GetByRole(AriaRole.Button, new() { Name = "Start version 2" }).ClickAsync();
        await hr.GetByLabel("Text (Markdown)").FillAsync(text.Replace("Rule 8 stays as it is.", "Rule 8 stays as written.", StringComparison.Ordinal));
        await hr.GetByRole(AriaRole.Button, new() { Name = "Submit for review" }).ClickAsync();
        await approver.GotoAsync(policyUrl);
        await approver.GetByRole(AriaRole.Button, new() { Name = "Approve" }).ClickAsync();
        await hr.GotoAsync(policyUrl);
        await hr.GetByRole(AriaRole.Link, new() { Name = "Publish…" }).ClickAsync();
        await hr.GetByRole(AriaRole.Button, new() { Name = "Publish version 2" }).ClickAsync();

        await hr.GetByRole(AriaRole.Link, new() { Name = "Compare with version 1" }).ClickAsync();
        await Assertions.Expect(hr.Locator("#diff-summary")).ToContainTextAsync("1 section changed, 1 word added, 2 words removed.");
        var word = hr.Locator("#diff-side ins.diff-word-inserted");
        await Assertions.Expect(word).ToHaveTextAsync("written");
        var colours = await word.EvaluateAsync<string[]>("w => [getComputedStyle(w).backgroundColor, getComputedStyle(w.closest('td')).backgroundColor]");
        Assert.NotEqual(colours[0], colours[1]);
        Assert.NotEqual("rgba(0, 0, 0, 0)", colours[1]); // the changed line is coloured too, not hidden by the table's own background
        await Assertions.Expect(hr.Locator("#diff-side tr.diff-fold").First).ToContainTextAsync("unchanged lines");
        await hr.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotFolder, "policy-word-diff.png"), FullPage = true });
        await hr.GetByRole(AriaRole.Tab, new() { Name = "Rendered text" }).ClickAsync();
        await Assertions.Expect(hr.Locator("#diff-rendered .diff-block-inserted")).ToContainTextAsync("Rule 8 stays as written.");
        await BrowserFixture.AssertAccessibleAsync(hr);
    }
}
