using PolicyHub.Core.Acknowledgements;
using PolicyHub.Core.Policies;

namespace PolicyHub.IntegrationTests;

/// <summary>
/// What cannot be undone is confirmed first, with numbers: publishing a material change (whom it asks again, the due
/// date chosen there), retiring (the open requests withdrawn), withdrawing an assignment; a retired policy comes back
/// as a draft. The confirmation pages change nothing; a bad due date is refused with the message.
/// </summary>
public sealed class ConfirmationTests(LiveServersFixture fixture) : IClassFixture<LiveServersFixture>
{
    private LiveServers Servers => fixture.Servers;

    [Fact]
    public async Task PublishMaterial_ConfirmationCountsTheAudience_TheChosenDueDateIsUsed_APastDateIsRefused()
    {
        using var hr = await fixture.DemoBrowserAsync("hr");
        using var approver = await fixture.DemoBrowserAsync("approver");
        var policyId = await Servers.PublishBlankPolicyAsync(hr, approver, "Confirm publish");
        var sales = await fixture.InTenantAsync("demo", db => db.Memberships.CountAsync(m => m.Department!.Name == "Sales" && m.Status != Core.Tenancy.MembershipStatus.Deactivated));

        // The assign form counts the audience as HR chooses (a read: nothing is written), and the count is what assigning creates.
        var form = await hr.GetAsync($"{Servers.WebUrl}/o/demo/policies/{policyId}/assign");
        var salesId = await fixture.InTenantAsync("demo", db => db.Departments.Where(d => d.Name == "Sales").Select(d => d.Id).SingleAsync());
        var before = await AuditCountAsync();
        using (var live = await hr.SendAsync(HttpMethod.Post, $"{Servers.WebUrl}/o/demo/policies/{policyId}/assign/audience", new()
        {
            ["__RequestVerificationToken"] = form.Find("#assign-form input[name='__RequestVerificationToken']")!.GetAttribute("value")!, ["DepartmentIds"] = salesId.ToString(),
        }))
        {
            Assert.Contains($"This asks {sales} people.", await live.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        Assert.Equal(before, await AuditCountAsync());
        var assignment = await Servers.AssignToDepartmentAsync(hr, policyId, "Sales");
        Assert.Equal(sales, await fixture.InTenantAsync("demo", db => db.AcknowledgementRequests.CountAsync(r => r.AssignmentId == assignment)));
        var started = await hr.SubmitAsync(await hr.GetAsync($"{Servers.WebUrl}/o/demo/policies/{policyId}"), "#new-version-form", new() { ["ChangeSummary"] = "New rules", ["IsMaterialChange"] = "true" });
        await hr.SubmitAsync(started, "#draft-form", new() { ["Markdown"] = "# Confirm publish\n\nVersion two." }, ("Then", "submit"));
        await approver.SubmitAsync(await approver.GetAsync($"{Servers.WebUrl}/o/demo/policies/{policyId}"), "form[action$='/versions/2/approve']", []);
        var events = await AuditCountAsync();

        var confirm = await hr.GetAsync($"{Servers.WebUrl}/o/demo/policies/{policyId}/versions/2/publish");
        Assert.Contains($"asks {sales} people to acknowledge version 2 again", confirm.Find("#publish-audience")?.TextContent, StringComparison.Ordinal);
        Assert.NotEmpty(confirm.Find("#DueDate")!.GetAttribute("value")!);
        Assert.Equal(events, await AuditCountAsync());

        var past = await hr.SubmitAsync(confirm, "#publish-form", new() { ["DueDate"] = DateTime.UtcNow.Date.AddDays(-1).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) });
        Assert.Contains("The due date must be in the future.", past.ErrorMessages);
        Assert.Equal(PolicyVersionStatus.Approved, await StatusAsync(policyId, 2));
        Assert.Equal(events, await AuditCountAsync());

        var due = DateTime.UtcNow.Date.AddDays(9);
        await hr.SubmitAsync(confirm, "#publish-form", new() { ["DueDate"] = due.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) });
        Assert.Equal(PolicyVersionStatus.Published, await StatusAsync(policyId, 2));
        var active = await fixture.InTenantAsync("demo", db => db.Assignments.AsNoTracking().SingleAsync(a => a.PolicyId == policyId && a.Status == AssignmentStatus.Active));
        Assert.Equal(due.AddDays(1).AddTicks(-1), active.DueAt);
        Assert.Equal(sales, await fixture.InTenantAsync("demo", db => db.AcknowledgementRequests.CountAsync(r => r.AssignmentId == active.Id && r.DueAt == active.DueAt)));
    }

    [Fact]
    public async Task RetireAndWithdraw_ConfirmationsCountTheOpenRequests_ThenWithdrawThem_AndAReinstatedPolicyIsADraft()
    {
        using var hr = await fixture.DemoBrowserAsync("hr");
        using var approver = await fixture.DemoBrowserAsync("approver");
        var withdrawn = await Servers.PublishBlankPolicyAsync(hr, approver, "Confirm withdraw");
        var assignment = await Servers.AssignToDepartmentAsync(hr, withdrawn, "Marketing");
        var open = await fixture.InTenantAsync("demo", db => db.AcknowledgementRequests.CountAsync(r => r.AssignmentId == assignment && r.Status == RequestStatus.Open));
        Assert.True(open > 1);

        // Withdrawing one assignment.
        var confirm = await hr.GetAsync($"{Servers.WebUrl}/o/demo/assignments/{assignment}/withdraw");
        Assert.Contains($"withdraws {open} open requests", confirm.Find("#withdraw-requests")?.TextContent, StringComparison.Ordinal);
        await hr.SubmitAsync(confirm, "#withdraw-form", []);
        Assert.Equal(AssignmentStatus.Closed, await fixture.InTenantAsync("demo", db => db.Assignments.Where(a => a.Id == assignment).Select(a => a.Status).SingleAsync()));
        Assert.Equal(open, await fixture.InTenantAsync("demo", db => db.AcknowledgementRequests.CountAsync(r => r.AssignmentId == assignment && r.Status == RequestStatus.Withdrawn)));
        var withdrawnEvent = await fixture.InTenantAsync("demo", db => db.AuditEvents.AsNoTracking().SingleAsync(e => e.Action == "assignment.withdrawn" && e.EntityId == assignment.ToString()));
        Assert.Contains($"\"open\":{open}", Encoding.UTF8.GetString(withdrawnEvent.Payload), StringComparison.Ordinal);
        var again = await hr.GetAsync($"{Servers.WebUrl}/o/demo/assignments/{assignment}/withdraw");
        Assert.DoesNotContain("/withdraw", again.Url, StringComparison.Ordinal); // no longer active: back to the dashboard

        // Retiring a policy with one active assignment.
        var retired = await Servers.PublishBlankPolicyAsync(hr, approver, "Confirm retire");
        var second = await Servers.AssignToDepartmentAsync(hr, retired, "Marketing");
        var openRetire = await fixture.InTenantAsync("demo", db => db.AcknowledgementRequests.CountAsync(r => r.AssignmentId == second && r.Status == RequestStatus.Open));
        var events = await AuditCountAsync();
        var retire = await hr.GetAsync($"{Servers.WebUrl}/o/demo/policies/{retired}/retire");
        Assert.Contains($"1 active assignment close and {openRetire} open requests are withdrawn", retire.Find("#retire-requests")?.TextContent, StringComparison.Ordinal);
        Assert.Equal(events, await AuditCountAsync());
        await hr.SubmitAsync(retire, "#retire-form", []);
        Assert.Equal(PolicyStatus.Retired, await fixture.InTenantAsync("demo", db => db.Policies.Where(p => p.Id == retired).Select(p => p.Status).SingleAsync()));

        // Reinstated: active again, with draft version 2 from the latest text; version 1 stays retired.
        var details = await hr.GetAsync($"{Servers.WebUrl}/o/demo/policies/{retired}");
        var draft = await hr.SubmitAsync(details, "form[action$='/reinstate']", []);
        Assert.EndsWith("/versions/2/edit", draft.Url, StringComparison.Ordinal);
        Assert.Equal(PolicyStatus.Active, await fixture.InTenantAsync("demo", db => db.Policies.Where(p => p.Id == retired).Select(p => p.Status).SingleAsync()));
        Assert.Equal(PolicyVersionStatus.Retired, await StatusAsync(retired, 1));
        Assert.Equal(PolicyVersionStatus.Draft, await StatusAsync(retired, 2));
        Assert.Contains("policy.reinstated", await fixture.InTenantAsync("demo", db => db.AuditEvents.Where(e => e.EntityId == retired.ToString()).Select(e => e.Action).ToListAsync()));
    }

    private Task<int> AuditCountAsync() => fixture.InTenantAsync("demo", db => db.AuditEvents.CountAsync());

    private Task<PolicyVersionStatus> StatusAsync(Guid policyId, int number)
        => fixture.InTenantAsync("demo", db => db.PolicyVersions.Where(v => v.PolicyId == policyId && v.Number == number).Select(v => v.Status).SingleAsync());
}
