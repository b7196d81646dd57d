using MimeKit;
using PolicyHub.Core.Policies;
using PolicyHub.Demo;

namespace PolicyHub.IntegrationTests;

/// <summary>
/// Review as a task: a submitted version waits in the reviewers' queue (count in the navigation, list) and each of
/// them gets one email in the organisation's language — never the author; the version page carries Approve and
/// Request changes with a comment; the thread keeps who said what; the author is mailed on return and approval.
/// </summary>
public sealed class ReviewTaskTests(LiveServersFixture fixture) : IClassFixture<LiveServersFixture>
{
    private LiveServers Servers => fixture.Servers;

    [Fact]
    public async Task Submitted_WaitsForReviewers_RequestChangesThenApprove_TheThreadAndTheEmailsFollow()
    {
        using var hr = await fixture.DemoBrowserAsync("hr");
        using var approver = await fixture.DemoBrowserAsync("approver");
        using var admin = await fixture.DemoBrowserAsync("admin");
        var title = $"Review task {Guid.NewGuid():N}"[..24];
        var edit = await hr.SubmitAsync(await hr.GetAsync($"{Servers.WebUrl}/o/demo/policies/new/blank/en"), "main form", new() { ["Title"] = title });
        var policyId = Guid.Parse(edit.Url.Split("/policies/")[1].Split('/')[0]);
        await hr.SubmitAsync(edit, "#draft-form", new() { ["Markdown"] = $"# {title}\n\nFirst text." }, ("Then", "submit"));

        // Both reviewers (approver, administrator) see it and get one German email each; the author none.
        var queue = await approver.GetAsync($"{Servers.WebUrl}/o/demo/reviews");
        Assert.Contains(title, queue.Find("#waiting-for-review")?.TextContent, StringComparison.Ordinal);
        Assert.NotNull(queue.Find("#nav-reviews .badge"));
        Assert.Null((await hr.GetAsync($"{Servers.WebUrl}/o/demo")).Find("#nav-reviews"));
        var requested = await MailsAsync(m => Subject(m).Contains(title, StringComparison.Ordinal) && Subject(m).Contains("wartet auf Ihre Prüfung", StringComparison.Ordinal), 2);
        Assert.Equal(["admin", "approver"], requested.Select(LocalPart).Order(StringComparer.Ordinal));
        Assert.Contains($"/o/demo/policies/{policyId}/versions/1", requested[0].TextBody, StringComparison.Ordinal);

        // The approver opens the version from the email link and requests changes with a comment.
        var page = await approver.GetAsync($"{Servers.WebUrl}/o/demo/policies/{policyId}/versions/1");
        var empty = await approver.SubmitAsync(page, "#request-changes-form", new() { ["Reason"] = "" });
        Assert.Contains("Say why the version goes back to its author.", empty.Text, StringComparison.Ordinal);
        Assert.Equal(PolicyVersionStatus.InReview, await StatusAsync(policyId));
        await approver.SubmitAsync(page, "#request-changes-form", new() { ["Reason"] = "Please name the contact person." });
        Assert.Equal(PolicyVersionStatus.Draft, await StatusAsync(policyId));
        var returned = Assert.Single(await MailsAsync(m => Subject(m).Contains(title, StringComparison.Ordinal) && Subject(m).Contains("Änderungen", StringComparison.Ordinal), 1));
        Assert.Equal("hr", LocalPart(returned));
        Assert.Contains("Please name the contact person.", returned.TextBody, StringComparison.Ordinal);

        // HR sees the comment in the thread, adds one, fixes the text and submits again; the approver approves with a comment.
        var hrView = await hr.GetAsync($"{Servers.WebUrl}/o/demo/policies/{policyId}/versions/1");
        Assert.Contains("Please name the contact person.", hrView.Find("#review-thread")?.TextContent, StringComparison.Ordinal);
        var noText = await hr.SubmitAsync(hrView, "#comment-form", new() { ["Text"] = "   " });
        Assert.Contains("Write a comment.", noText.Text, StringComparison.Ordinal);
        await hr.SubmitAsync(hrView, "#comment-form", new() { ["Text"] = "Done: the contact is Clara." });
        var fix = await hr.GetAsync($"{Servers.WebUrl}/o/demo/policies/{policyId}/versions/1/edit");
        await hr.SubmitAsync(fix, "#draft-form", new() { ["Markdown"] = $"# {title}\n\nAsk Clara Vogel." }, ("Then", "submit"));
        var again = await approver.GetAsync($"{Servers.WebUrl}/o/demo/policies/{policyId}/versions/1");
        await approver.SubmitAsync(again, "#approve-form", new() { ["Comment"] = "Clear now, thank you." });
        Assert.Equal(PolicyVersionStatus.Approved, await StatusAsync(policyId));
        var approved = Assert.Single(await MailsAsync(m => Subject(m).Contains(title, StringComparison.Ordinal) && Subject(m).Contains("freigegeben", StringComparison.Ordinal), 1));
        Assert.Equal("hr", LocalPart(approved));
        Assert.Contains("Clear now, thank you.", approved.TextBody, StringComparison.Ordinal);

        var thread = (await hr.GetAsync($"{Servers.WebUrl}/o/demo/policies/{policyId}/versions/1")).Document.QuerySelectorAll("#review-thread li").Select(li => li.TextContent).ToList();
        Assert.Equal(5, thread.Count); // submitted, changes requested, comment, submitted, approved
        Assert.Contains("Done: the contact is Clara.", thread[2], StringComparison.Ordinal);
        Assert.Contains("Clear now, thank you.", thread[4], StringComparison.Ordinal);
        Assert.DoesNotContain((await approver.GetAsync($"{Servers.WebUrl}/o/demo/reviews")).Document.QuerySelectorAll("#waiting-for-review a"), a => a.TextContent.Contains(title, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Approve_WithAHostileComment_ExplainsAndLeavesTheVersionInReview()
    {
        using var hr = await fixture.DemoBrowserAsync("hr");
        using var approver = await fixture.DemoBrowserAsync("approver");
        var edit = await hr.SubmitAsync(await hr.GetAsync($"{Servers.WebUrl}/o/demo/policies/new/blank/en"), "main form", new() { ["Title"] = "Comment checks" });
        var policyId = Guid.Parse(edit.Url.Split("/policies/")[1].Split('/')[0]);
        await hr.SubmitAsync(edit, "#draft-form", [], ("Then", "submit"));
        var page = await approver.GetAsync($"{Servers.WebUrl}/o/demo/policies/{policyId}/versions/1");
        var before = await fixture.InTenantAsync("demo", db => db.ReviewComments.CountAsync());

        var tooLong = await approver.SubmitAsync(page, "#approve-form", new() { ["Comment"] = new string('x', PolicyHub.Core.Policies.ReviewComment.MaxLength + 1) });
        var control = await approver.SubmitAsync(page, "#approve-form", new() { ["Comment"] = "Fine\u0007" });
        var direction = await approver.SubmitAsync(page, "#approve-form", new() { ["Comment"] = "Fine \u202Eenif" });

        Assert.Contains($"Use at most {PolicyHub.Core.Policies.ReviewComment.MaxLength} characters.", string.Join(" ", tooLong.ErrorMessages) + tooLong.Text, StringComparison.Ordinal);
        Assert.Contains("Remove the control characters", string.Join(" ", control.ErrorMessages) + control.Text, StringComparison.Ordinal);
        Assert.Contains("override the writing direction", string.Join(" ", direction.ErrorMessages) + direction.Text, StringComparison.Ordinal);
        Assert.Equal(PolicyVersionStatus.InReview, await StatusAsync(policyId));
        Assert.Equal(before, await fixture.InTenantAsync("demo", db => db.ReviewComments.CountAsync()));
    }

    [Fact]
    public async Task AnAdministratorsOwnVersion_IsNotInTheirQueue_AndTheyGetNoReviewEmail()
    {
        using var admin = await fixture.DemoBrowserAsync("admin");
        using var approver = await fixture.DemoBrowserAsync("approver"); // an active member, so a reviewer to be told
        var title = $"Own version {Guid.NewGuid():N}"[..24];
        var edit = await admin.SubmitAsync(await admin.GetAsync($"{Servers.WebUrl}/o/demo/policies/new/blank/en"), "main form", new() { ["Title"] = title });
        await admin.SubmitAsync(edit, "#draft-form", [], ("Then", "submit"));

        var requested = await MailsAsync(m => Subject(m).Contains(title, StringComparison.Ordinal), 1);
        Assert.Equal(["approver"], requested.Select(LocalPart));
        Assert.DoesNotContain(title, (await admin.GetAsync($"{Servers.WebUrl}/o/demo/reviews")).Find("#waiting-for-review")?.TextContent ?? string.Empty, StringComparison.Ordinal);
    }

    private Task<PolicyVersionStatus> StatusAsync(Guid policyId)
        => fixture.InTenantAsync("demo", db => db.PolicyVersions.Where(v => v.PolicyId == policyId && v.Number == 1).Select(v => v.Status).SingleAsync());

    /// <summary>Waits until at least <paramref name="count"/> matching emails arrived (the outbox polls every second), then a moment for strays.</summary>
    private async Task<List<MimeMessage>> MailsAsync(Func<MimeMessage, bool> match, int count)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (Mails(match).Count < count && DateTime.UtcNow < deadline)
        {
            await Task.Delay(200);
        }

        await Task.Delay(1500);
        return Mails(match);
    }

    private List<MimeMessage> Mails(Func<MimeMessage, bool> match)
        => Servers.ReceivedEmails().Where(match).ToList();

    private static string Subject(MimeMessage message) => message.Subject ?? string.Empty;

    private static string LocalPart(MimeMessage message) => message.To.Mailboxes.Single().Address.Split('@')[0];
}
