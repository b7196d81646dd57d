using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using MimeKit;
using PolicyHub.Core.Acknowledgements;
using PolicyHub.Demo;
using PolicyHub.Data.Web;
using PolicyHub.Web.Features.Reminders;

namespace PolicyHub.IntegrationTests;

/// <summary>
/// Reminders over two weeks of a fake clock: real pages, a real SQLite database, the real outbox and a real SMTP
/// server (netDumbster). Only time is faked; rounds are run when the test says so.
/// </summary>
public sealed class ReminderTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _clock = new(DateTimeOffset.UtcNow);
    private readonly LiveServersFixture _fixture = new();
    private LiveServers Servers => _fixture.Servers;

    public async Task InitializeAsync()
    {
        await _fixture.InitializeAsync(o =>
        {
            o.WebServices = services => services.AddSingleton<TimeProvider>(_clock);
            o.Web["Reminders:Interval"] = "01:00:00";
        });
    }

    public Task DisposeAsync() => _fixture.DisposeAsync();

    [Fact]
    public async Task Reminders_FollowTheSchedule_OneBundledEmailPerPersonAndDay_NoneAfterAcknowledging_EscalateWhenOverdue()
    {
        var day0 = _clock.GetUtcNow().UtcDateTime.Date;
        using var admin = await _fixture.DemoBrowserAsync("admin");
        using var hr = await _fixture.DemoBrowserAsync("hr");
        using var approver = await _fixture.DemoBrowserAsync("approver");
        using var emil = await _fixture.DemoBrowserAsync("employee");
        using var lena = await _fixture.DemoBrowserAsync("lena.fischer");
        var ben = await _fixture.InTenantAsync("demo", db => db.Memberships.Where(m => m.Email == $"ben.schwarz@{DemoPeople.Domain}").Select(m => m.Id).SingleAsync());
        var benPage = await admin.GetAsync($"{Servers.WebUrl}/o/demo/members/{ben}");
        Assert.Empty((await admin.SubmitAsync(benPage, "main form", new() { ["ManagerEmail"] = "sales.lead@example.test" })).ErrorMessages);

        var first = await _fixture.PublishBlankPolicyAsync(hr, approver, "Phone rules");
        await _fixture.AssignToDepartmentAsync(hr, first, "Sales", new()
        {
            ["DueDate"] = day0.AddDays(10).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            ["ReminderDaysBefore"] = "7, 1", ["OverdueReminderDays"] = "3", ["EscalateToManagers"] = "true",
        });
        await AcknowledgeAsync(emil, "employee", first);

        // Day 0: everyone asked who has not acknowledged yet hears about it, once.
        await RoundAsync();
        Assert.Equal(["ben.schwarz", "jonas.weber", "lena.fischer"], Recipients(Reminders()));
        Assert.All(Reminders(), m => Assert.Contains("Phone rules", m.TextBody, StringComparison.Ordinal));
        Assert.Contains($"{Servers.WebUrl}/o/demo/requests/", Reminders()[0].TextBody, StringComparison.Ordinal);
        await RoundAsync();
        Assert.Equal(3, Reminders().Count);

        // Day 1: Lena acknowledges. Day 3 (seven days before the due date): a second policy arrives the same morning.
        _clock.Advance(TimeSpan.FromDays(1));
        await AcknowledgeAsync(lena, "lena.fischer", first);
        _clock.SetUtcNow(day0.AddDays(3).AddHours(8));
        var second = await _fixture.PublishBlankPolicyAsync(hr, approver, "Camera rules");
        await _fixture.AssignToDepartmentAsync(hr, second, "Sales");
        var sent = Reminders().Count;
        await RoundAsync();
        var day3 = Reminders().Skip(sent).ToList();
        Assert.Equal(["ben.schwarz", "employee", "jonas.weber", "lena.fischer"], Recipients(day3));
        var jonasMail = day3.Single(m => Is(m, "jonas.weber"));
        Assert.Contains("Phone rules", jonasMail.TextBody, StringComparison.Ordinal);
        Assert.Contains("Camera rules", jonasMail.TextBody, StringComparison.Ordinal); // one email with both
        Assert.All(day3.Where(m => Is(m, "lena.fischer") || Is(m, "employee")),
            m => Assert.DoesNotContain("Phone rules", m.TextBody, StringComparison.Ordinal)); // acknowledged: not mentioned again

        // Days 4 to 8: nothing is due. Day 9 (one day before): Jonas and Ben only.
        for (var day = 4; day <= 8; day++)
        {
            _clock.SetUtcNow(day0.AddDays(day).AddHours(8));
            sent = Reminders().Count;
            await RoundAsync();
            Assert.Equal(sent, Reminders().Count);
        }

        _clock.SetUtcNow(day0.AddDays(9).AddHours(8));
        sent = Reminders().Count;
        await RoundAsync();
        Assert.Equal(["ben.schwarz", "jonas.weber"], Recipients(Reminders().Skip(sent)));

        // Day 11: overdue. Jonas and Ben are reminded, the policy's owner (HR) and Ben's manager hear about it, once.
        _clock.SetUtcNow(day0.AddDays(11).AddHours(8));
        sent = Reminders().Count;
        await RoundAsync();
        await RoundAsync();
        var overdue = Reminders().Skip(sent).ToList();
        Assert.Equal(["ben.schwarz", "jonas.weber"], Recipients(overdue));
        Assert.All(overdue, m => Assert.Contains("1 überfällig", m.Subject, StringComparison.Ordinal));
        var owner = Assert.Single(Mails(m => Is(m, "hr") && (m.Subject ?? string.Empty).Contains("überfällig", StringComparison.Ordinal)));
        Assert.Contains("Phone rules: Ben Schwarz, Jonas Weber", owner.TextBody, StringComparison.Ordinal);
        var manager = Assert.Single(Mails(m => m.To.Mailboxes.Any(b => b.Address == "sales.lead@example.test")));
        Assert.Contains("Ben Schwarz: Phone rules", manager.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain("Jonas", manager.TextBody, StringComparison.Ordinal);

        // "Send reminder now" on the second policy: Lena and Emil get it now; Jonas and Ben had their email today and get it tomorrow.
        sent = Reminders().Count;
        var secondAssignment = await _fixture.InTenantAsync("demo", db => db.Assignments.Where(a => a.PolicyId == second).Select(a => a.Id).SingleAsync());
        var dashboard = await hr.GetAsync($"{Servers.WebUrl}/o/demo/assignments/{secondAssignment}");
        var remind = await hr.SubmitAsync(dashboard, $"form[action$='/assignments/{secondAssignment}/remind']", []);
        Assert.Contains("Reminders are on their way to 2 people; 2 already had a reminder today and get this one tomorrow.", remind.Text, StringComparison.Ordinal);
        await OutboxDeliveredAsync();
        Assert.Equal(["employee", "lena.fischer"], Recipients(Reminders().Skip(sent)));

        // Every email stood for a digest row, and no person got two reminders on one day.
        var digests = await _fixture.InTenantAsync("demo", db => db.ReminderDigests.AsNoTracking().ToListAsync());
        Assert.All(digests.Where(d => d.Kind == DigestKind.Reminder).GroupBy(d => (d.Recipient, d.Day)), g => Assert.Single(g));
        // (The review emails of the policies published here are Demo GmbH's too, and have no digest.)
        string[] review = ["wartet auf Ihre Prüfung", "ist freigegeben", "Änderungen an Version"];
        Assert.Equal(digests.Count, Mails(m => true).Count(m => (m.Subject ?? string.Empty).StartsWith("Demo GmbH:", StringComparison.Ordinal)
            && !review.Any(r => m.Subject!.Contains(r, StringComparison.Ordinal))));
    }

    [Fact]
    public async Task Lease_HeldByAnotherInstance_RoundSendsNothing_UntilItExpires()
    {
        await using (var scope = Servers.Web.Services.CreateAsyncScope())
        {
            var lease = scope.ServiceProvider.GetRequiredService<DatabaseLease>();
            Assert.True(await lease.TryAcquireAsync(ReminderScheduler.LeaseName, "another-instance", TimeSpan.FromMinutes(10), CancellationToken.None));
        }

        var scheduler = Servers.Web.Services.GetRequiredService<ReminderScheduler>();
        Assert.Null(await scheduler.RunOnceAsync(CancellationToken.None));

        _clock.Advance(TimeSpan.FromMinutes(11)); // the other instance died: its lease runs out
        Assert.NotNull(await scheduler.RunOnceAsync(CancellationToken.None));
    }

    [Fact]
    public async Task ReviewReminders_AfterTheOrganisationsSetting_GoToTheNamedReviewersOnly_AndRepeatWhileTheVersionWaits()
    {
        using var hr = await _fixture.DemoBrowserAsync("hr");
        using var approver = await _fixture.DemoBrowserAsync("approver");
        using var admin = await _fixture.DemoBrowserAsync("admin");
        var draft = await hr.SubmitAsync(await hr.GetAsync($"{Servers.WebUrl}/o/demo/policies/new/blank/en"), "main form", new() { ["Title"] = "Waiting rules" });
        var policyId = Guid.Parse(draft.Url.Split("/policies/")[1].Split('/')[0]);
        var approverId = await _fixture.InTenantAsync("demo", db => db.Memberships.Where(m => m.Email == $"approver@{DemoPeople.Domain}").Select(m => m.Id).SingleAsync());

        // Bad input first: someone who is not an approver cannot be named; nothing changes.
        var settings = await hr.GetAsync($"{Servers.WebUrl}/o/demo/policies/{policyId}/settings");
        var hrId = await _fixture.InTenantAsync("demo", db => db.Memberships.Where(m => m.Email == $"employee@{DemoPeople.Domain}").Select(m => m.Id).SingleAsync());
        Assert.Contains("Choose reviewers from the list of approvers.", (await hr.SubmitAsync(settings, "#policy-settings-form", new() { ["ReviewerIds"] = hrId.ToString() })).ErrorMessages);
        Assert.Equal(0, await _fixture.InTenantAsync("demo", db => db.PolicyReviewers.CountAsync(r => r.PolicyId == policyId)));

        // HR names the approver as the policy's only reviewer, then submits.
        Assert.Empty((await hr.SubmitAsync(settings, "#policy-settings-form", new() { ["ReviewerIds"] = approverId.ToString() })).ErrorMessages);
        await hr.SubmitAsync(await hr.GetAsync($"{Servers.WebUrl}/o/demo/policies/{policyId}/versions/1/edit"), "#draft-form", [], ("Then", "submit"));
        await OutboxDeliveredAsync();
        Assert.Equal(["approver"], Recipients(Mails(m => (m.Subject ?? string.Empty).Contains("„Waiting rules“ wartet auf Ihre Prüfung", StringComparison.Ordinal))));
        Assert.Contains("Waiting rules", (await approver.GetAsync($"{Servers.WebUrl}/o/demo/reviews")).Find("#waiting-for-review")!.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("Waiting rules", (await admin.GetAsync($"{Servers.WebUrl}/o/demo/reviews")).Find("#waiting-for-review")?.TextContent ?? string.Empty, StringComparison.Ordinal);

        // Demo GmbH reminds after 3 days (the default), then every 3 days while the version waits.
        await RoundAsync();
        Assert.Empty(ReviewReminders());
        _clock.Advance(TimeSpan.FromDays(3).Add(TimeSpan.FromHours(1)));
        await RoundAsync();
        var first = Assert.Single(ReviewReminders());
        Assert.Equal(["approver"], Recipients([first]));
        Assert.Contains("seit 3 Tagen", first.TextBody, StringComparison.Ordinal);
        Assert.Contains($"{Servers.WebUrl}/o/demo/policies/{policyId}/versions/1", first.TextBody, StringComparison.Ordinal);
        await RoundAsync();
        Assert.Single(ReviewReminders());
        _clock.Advance(TimeSpan.FromDays(3));
        await RoundAsync();
        Assert.Equal(2, ReviewReminders().Count);

        // Reviewed: no more reminders.
        await approver.SubmitAsync(await approver.GetAsync($"{Servers.WebUrl}/o/demo/policies/{policyId}/versions/1"), "#approve-form", []);
        _clock.Advance(TimeSpan.FromDays(4));
        await RoundAsync();
        Assert.Equal(2, ReviewReminders().Count);
        Assert.Equal(2, await _fixture.InTenantAsync("demo", db => db.AuditEvents.CountAsync(e => e.Action == PolicyHub.Core.Audit.AuditEvents.Names.PolicyReviewReminderSent && e.Actor == "system")));
    }

    private async Task AcknowledgeAsync(TestBrowser browser, string person, Guid policyId)
    {
        var page = await browser.GetAsync($"{Servers.WebUrl}/o/demo/requests/{await _fixture.RequestIdAsync(person, policyId)}");
        var receipt = await browser.SubmitAsync(page, "#acknowledge-form", new() { ["Confirmed"] = "true" });
        Assert.Contains("/acknowledgements/", receipt.Url, StringComparison.Ordinal);
    }

    /// <summary>One scheduler round, then waits until the outbox has handed every message to the SMTP server.</summary>
    private async Task RoundAsync()
    {
        Assert.NotNull(await Servers.Web.Services.GetRequiredService<ReminderScheduler>().RunOnceAsync(CancellationToken.None));
        await OutboxDeliveredAsync();
    }

    private async Task OutboxDeliveredAsync()
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (await _fixture.InTenantAsync("demo", db => db.OutboxMessages.CountAsync(m => m.SentAt == null && m.FailedAt == null)) > 0)
        {
            Assert.True(DateTime.UtcNow < deadline, "The outbox did not deliver in time.");
            await Task.Delay(100);
        }
    }

    /// <summary>What the SMTP server received, in the order the outbox wrote it (its ids are in the Message-ID).</summary>
    private List<MimeMessage> Mails(Func<MimeMessage, bool> match)
        => Servers.ReceivedEmails().Where(match)
            .OrderBy(m => long.Parse((m.MessageId ?? "outbox-0@").Split('@')[0]["outbox-".Length..], System.Globalization.CultureInfo.InvariantCulture)).ToList();

    // Demo GmbH writes to its people in German, its default language.
    private List<MimeMessage> Reminders() => Mails(m => (m.Subject ?? string.Empty).Contains("Richtlinien zu bestätigen", StringComparison.Ordinal));

    private List<MimeMessage> ReviewReminders() => Mails(m => (m.Subject ?? string.Empty).Contains("wartet noch auf Ihre Prüfung", StringComparison.Ordinal));

    private static bool Is(MimeMessage message, string localPart) => message.To.Mailboxes.Any(b => b.Address == $"{localPart}@{DemoPeople.Domain}");

    private static List<string> Recipients(IEnumerable<MimeMessage> messages)
        => messages.SelectMany(m => m.To.Mailboxes).Select(b => b.Address.Split('@')[0]).Order(StringComparer.Ordinal).ToList();
}
