using System.Text.Json;
using PolicyHub.Core.Audit;
using PolicyHub.Core.Policies;

namespace PolicyHub.IntegrationTests;

/// <summary>The comprehension check through the pages: HR writes the questions on the draft, they are frozen at publishing, and an assignment that asks for them keeps the statement closed until every answer is right.</summary>
public sealed class ComprehensionCheckTests(LiveServersFixture fixture) : IClassFixture<LiveServersFixture>
{
    private const string Text = "# Quiz rules\n\n## Figures\n\nNever post figures that are not published.\n\n## Press\n\nJournalists are answered by the press team.";

    private LiveServers Servers => fixture.Servers;

    [Fact]
    public async Task Questions_BadInputIsRefused_FrozenAtPublishing_AndRequiredBeforeTheStatement()
    {
        using var hr = await fixture.DemoBrowserAsync("hr");
        using var approver = await fixture.DemoBrowserAsync("approver");
        using var employee = await fixture.DemoBrowserAsync("employee");
        var draft = await hr.SubmitAsync(await hr.GetAsync($"{Servers.WebUrl}/o/demo/policies/new/blank/en"), "main form", new() { ["Title"] = "Quiz rules", ["Category"] = "Rules" });
        var policyId = Guid.Parse(draft.Url.Split("/policies/")[1].Split('/')[0]);
        await hr.SubmitAsync(draft, "#draft-form", new() { ["Markdown"] = Text });
        var questionsUrl = $"{Servers.WebUrl}/o/demo/policies/{policyId}/versions/1/questions";

        // Bad input: one answer, the right one left empty, a section that does not exist — each named, nothing stored.
        var page = await hr.GetAsync(questionsUrl);
        Assert.Equal(["the whole text", "Quiz rules", "Figures", "Press"], page.Document.QuerySelectorAll("#Section option").Select(o => o.TextContent.Trim()));
        var one = await hr.SubmitAsync(page, "#question-form", new() { ["Text"] = "Only one?", ["Option1"] = "Yes", ["Correct"] = "1" });
        Assert.Contains("Give at least 2 answers.", one.ErrorMessages);
        var empty = await hr.SubmitAsync(page, "#question-form", new() { ["Text"] = "Which?", ["Option1"] = "A", ["Option2"] = "B", ["Correct"] = "4" });
        Assert.Contains("Mark the right answer (one that you filled in).", empty.ErrorMessages);
        var same = await hr.SubmitAsync(page, "#question-form", new() { ["Text"] = "Which?", ["Option1"] = "A", ["Option2"] = " a ", ["Correct"] = "1" });
        Assert.Contains("Each answer must be different.", same.ErrorMessages);
        var nowhere = await hr.SubmitAsync(page, "#question-form", new() { ["Text"] = "Which?", ["Option1"] = "A", ["Option2"] = "B", ["Correct"] = "1", ["Section"] = "9" });
        Assert.Contains("Choose a section of the text.", nowhere.ErrorMessages);
        var control = await hr.SubmitAsync(page, "#question-form", new() { ["Text"] = "Which\u202E?", ["Option1"] = "A", ["Option2"] = "B", ["Correct"] = "1" });
        Assert.NotEmpty(control.ErrorMessages);
        Assert.Equal(0, await fixture.InTenantAsync("demo", db => db.ComprehensionQuestions.CountAsync(q => db.PolicyVersions.Any(v => v.Id == q.PolicyVersionId && v.PolicyId == policyId))));

        await hr.SubmitAsync(page, "#question-form", new() { ["Text"] = "May you post figures that are not published?", ["Option1"] = "Yes", ["Option2"] = "No", ["Correct"] = "2", ["Section"] = "1" });
        var added = await hr.SubmitAsync(await hr.GetAsync(questionsUrl), "#question-form",
            new() { ["Text"] = "Who answers journalists?", ["Option1"] = "Anyone who is asked", ["Option2"] = "The press team", ["Option3"] = "Nobody", ["Correct"] = "2", ["Section"] = "2" });
        Assert.Equal(2, added.Document.QuerySelectorAll("#questions > li").Length);

        // Reviewed and published with the version: then frozen.
        await hr.SubmitAsync(await hr.GetAsync($"{Servers.WebUrl}/o/demo/policies/{policyId}/versions/1/edit"), "#draft-form", new() { ["Then"] = "submit" });
        await approver.SubmitAsync(await approver.GetAsync($"{Servers.WebUrl}/o/demo/policies/{policyId}"), "form[action$='/versions/1/approve']", []);
        await hr.SubmitAsync(await hr.GetAsync($"{Servers.WebUrl}/o/demo/policies/{policyId}/versions/1/publish"), "#publish-form", []);
        var frozen = await hr.GetAsync(questionsUrl);
        Assert.NotNull(frozen.Find("#questions-frozen"));
        Assert.Null(frozen.Find("#question-form"));
        var token = await hr.AntiforgeryTokenAsync(questionsUrl);
        using (var late = await hr.SendAsync(HttpMethod.Post, questionsUrl, new() { ["__RequestVerificationToken"] = token, ["Text"] = "Late?", ["Option1"] = "A", ["Option2"] = "B", ["Correct"] = "1" }))
        {
            Assert.Contains("Questions can only change while the version is a draft.", await late.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        var (versionId, published) = await fixture.InTenantAsync("demo", async db =>
        {
            var version = await db.PolicyVersions.SingleAsync(v => v.PolicyId == policyId && v.Number == 1);
            var questions = await db.ComprehensionQuestions.Where(q => q.PolicyVersionId == version.Id).ToListAsync();
            var published = await db.AuditEvents.SingleAsync(e => e.Action == AuditEvents.Names.PolicyVersionPublished && e.EntityId == version.Id.ToString());
            return (version.Id, (Hash: Convert.ToHexStringLower(ComprehensionHash.Compute(questions)), Event: Data(published.Payload)));
        });
        Assert.Equal(published.Hash, published.Event.GetProperty("questionsHash").GetString());

        // Assigned with the check: the statement stays closed until every answer is right.
        await fixture.AssignToDepartmentAsync(hr, policyId, "Sales", new() { ["AskQuestions"] = "true" });
        var requestId = await fixture.RequestIdAsync("employee", policyId);
        var reading = await employee.GetAsync($"{Servers.WebUrl}/o/demo/requests/{requestId}");
        Assert.Null(reading.Find("#acknowledge-form"));
        Assert.NotNull(reading.Find("#statement-locked"));
        var names = reading.Document.QuerySelectorAll("#answers-form input[type=radio]").Select(i => i.GetAttribute("name")!).Distinct().ToList();
        Assert.Equal(2, names.Count);

        // Skipping the questions does not work: the acknowledgement is refused and nothing is recorded.
        var ackToken = await employee.AntiforgeryTokenAsync($"{Servers.WebUrl}/o/demo/requests/{requestId}");
        using (var skipped = await employee.SendAsync(HttpMethod.Post, $"{Servers.WebUrl}/o/demo/requests/{requestId}",
            new() { ["__RequestVerificationToken"] = ackToken, ["VersionId"] = versionId.ToString(), ["Language"] = "en", ["Confirmed"] = "true" }))
        {
            Assert.Contains("Answer the questions about the text first; then you can acknowledge it.", await skipped.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        // Incomplete answers are not an attempt; a wrong one points back to its section.
        var incomplete = await employee.SubmitAsync(reading, "#answers-form", new() { [names[0]] = "1" });
        Assert.Contains("Answer every question; nothing was recorded.", incomplete.ErrorMessages);
        Assert.Equal(0, await fixture.InTenantAsync("demo", db => db.ComprehensionResults.CountAsync(r => r.PolicyVersionId == versionId)));
        var failed = await employee.SubmitAsync(reading, "#answers-form", new() { [names[0]] = "1", [names[1]] = "0" });
        Assert.NotNull(failed.Find("#check-failed"));
        var hint = failed.Find("#question-2-hint a")!;
        Assert.Equal("Press", hint.TextContent.Trim());
        Assert.NotNull(failed.Find(hint.GetAttribute("href")!.Replace("#", "h2#", StringComparison.Ordinal)));
        Assert.Null(failed.Find("#question-1-hint"));
        Assert.Null(failed.Find("#acknowledge-form"));

        var passed = await employee.SubmitAsync(reading, "#answers-form", new() { [names[0]] = "1", [names[1]] = "1" });
        Assert.Contains("Every answer is right. You can now acknowledge the policy.", passed.Text, StringComparison.Ordinal);
        Assert.Contains("in 2 tries", passed.Find("#check-passed")!.TextContent, StringComparison.Ordinal);
        var receipt = await employee.SubmitAsync(passed, "#acknowledge-form", new() { ["Confirmed"] = "true" });
        Assert.Contains("Thank you. Your acknowledgement is recorded", receipt.Text, StringComparison.Ordinal);

        // The evidence: the questions' fingerprint and the number of tries, never the answers.
        var ack = await fixture.InTenantAsync("demo", db => db.Acknowledgements.SingleAsync(a => a.RequestId == requestId));
        var attempts = (await fixture.InTenantAsync("demo", db => db.AuditEvents.Where(e => e.Action == AuditEvents.Names.ComprehensionAttempted).OrderBy(e => e.Sequence).ToListAsync()))
            .Select(e => Data(e.Payload)).Where(d => d.GetProperty("version").GetString() == versionId.ToString()).ToList();
        Assert.Equal(published.Hash, Convert.ToHexStringLower(ack.QuestionsHash!));
        Assert.Equal(2, ack.QuestionAttempts);
        Assert.Equal([false, true], attempts.Select(a => a.GetProperty("passed").GetBoolean()));
        Assert.Equal([1, 2], attempts.Select(a => a.GetProperty("attempt").GetInt32()));
        Assert.All(attempts, a => Assert.Equal(published.Hash, a.GetProperty("questionsHash").GetString()));
        Assert.All(attempts, a => Assert.DoesNotContain("answer", a.GetRawText(), StringComparison.OrdinalIgnoreCase));
        var recorded = await fixture.InTenantAsync("demo", db => db.AuditEvents.Where(e => e.Action == AuditEvents.Names.AcknowledgementRecorded && e.EntityId == ack.Id.ToString()).SingleAsync());
        Assert.Equal(2, Data(recorded.Payload).GetProperty("questionAttempts").GetInt32());
    }

    private static JsonElement Data(byte[] payload) => JsonDocument.Parse(payload).RootElement.GetProperty("data");

    [Fact]
    public async Task Assign_AskingForQuestionsAVersionDoesNotHave_IsRefusedAndCreatesNothing()
    {
        using var hr = await fixture.DemoBrowserAsync("hr");
        using var approver = await fixture.DemoBrowserAsync("approver");
        var policyId = await fixture.PublishBlankPolicyAsync(hr, approver, "No quiz rules");
        var form = await hr.GetAsync($"{Servers.WebUrl}/o/demo/policies/{policyId}/assign");
        Assert.NotNull(form.Find("#comprehension-check #no-questions"));

        var refused = await hr.SubmitAsync(form, "#assign-form", new() { ["Everyone"] = "true", ["AskQuestions"] = "true" });

        Assert.Contains("Version 1 has no comprehension questions to ask.", refused.ErrorMessages);
        Assert.Equal(0, await fixture.InTenantAsync("demo", db => db.Assignments.CountAsync(a => a.PolicyId == policyId)));
    }
}
