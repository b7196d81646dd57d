using PolicyHub.Core.Audit;
using PolicyHub.Core.Tenancy;

namespace PolicyHub.IntegrationTests;

/// <summary>An administrator of Demo GmbH looks after people; every change lands in the audit trail.</summary>
public sealed class MemberAdministrationTests(LiveServersFixture fixture) : IClassFixture<LiveServersFixture>
{
    private LiveServers Servers => fixture.Servers;

    [Fact]
    public async Task MemberList_SearchFiltersAndPaging_ShowTheRightPeople()
    {
        using var admin = await fixture.DemoBrowserAsync("admin");
        var tag = Guid.NewGuid().ToString("N")[..6];
        var csv = new StringBuilder("email,name,department,location,roles\n");
        for (var i = 1; i <= 30; i++)
        {
            csv.Append(System.Globalization.CultureInfo.InvariantCulture, $"p{i:00}.{tag}@example.test,Pager {tag} {i:00},Sales,Berlin,{(i <= 3 ? "PolicyManager" : "Employee")}\n");
        }

        await admin.UploadAsync(await admin.GetAsync($"{Servers.WebUrl}/o/demo/members/import"), "main form", "File", "p.csv", Encoding.UTF8.GetBytes(csv.ToString()));

        var page1 = await admin.GetAsync($"{Servers.WebUrl}/o/demo/members?q={tag}");
        Assert.Equal("(30)", page1.Find("#member-total")?.TextContent);
        Assert.Equal(25, page1.Document.QuerySelectorAll("#member-table tbody tr").Length);
        var page2 = await admin.GetAsync($"{Servers.WebUrl}/o/demo/members?q={tag}&page=2");
        Assert.Equal(5, page2.Document.QuerySelectorAll("#member-table tbody tr").Length);
        Assert.Contains($"Pager {tag} 30", page2.Text, StringComparison.Ordinal);
        var managers = await admin.GetAsync($"{Servers.WebUrl}/o/demo/members?q={tag}&role=PolicyManager");
        Assert.Equal("(3)", managers.Find("#member-total")?.TextContent);
        var none = await admin.GetAsync($"{Servers.WebUrl}/o/demo/members?q={tag}&status=Active");
        Assert.Equal("(0)", none.Find("#member-total")?.TextContent);
        var wildcard = await admin.GetAsync($"{Servers.WebUrl}/o/demo/members?q=%25");
        Assert.Equal("(0)", wildcard.Find("#member-total")?.TextContent);
    }

    [Fact]
    public async Task Deactivate_ActiveMember_LosesAccessButKeepsTheirHistory()
    {
        using var admin = await fixture.DemoBrowserAsync("admin");
        using var employee = await fixture.DemoBrowserAsync("lena.fischer");
        Assert.Equal(HttpStatusCode.OK, (await employee.GetAsync($"{Servers.WebUrl}/o/demo")).Status);
        var lena = await fixture.InTenantAsync("demo", db => db.Memberships.AsNoTracking().SingleAsync(m => m.Email == "lena.fischer@demo.policyhub.test"));

        var edit = await admin.GetAsync($"{Servers.WebUrl}/o/demo/members/{lena.Id}");
        var done = await admin.SubmitAsync(edit, $"form[action='/o/demo/members/{lena.Id}/deactivate']", []);

        Assert.Contains("Lena Fischer has been deactivated", done.Text, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, (await employee.GetAsync($"{Servers.WebUrl}/o/demo")).Status);
        var home = await employee.GetAsync($"{Servers.WebUrl}/");
        Assert.Null(home.Find("#organisation-list a[href='/o/demo']"));
        var kept = await fixture.InTenantAsync("demo", db => db.Memberships.AsNoTracking().SingleAsync(m => m.Id == lena.Id));
        Assert.Equal(MembershipStatus.Deactivated, kept.Status);
        Assert.Equal(lena.Subject, kept.Subject);
        var events = await fixture.InTenantAsync("demo", db => db.AuditEvents.AsNoTracking().Where(e => e.EntityId == lena.Id.ToString()).Select(e => e.Action).ToListAsync());
        Assert.Equal(["member.invited", "member.joined", "member.deactivated"], events);

        var reactivate = await admin.GetAsync($"{Servers.WebUrl}/o/demo/members/{lena.Id}");
        await admin.SubmitAsync(reactivate, $"form[action='/o/demo/members/{lena.Id}/reactivate']", []);
        Assert.Equal(HttpStatusCode.OK, (await employee.GetAsync($"{Servers.WebUrl}/o/demo")).Status);
    }

    [Fact]
    public async Task Edit_RemovingTheLastAdministrator_IsRefusedWithAMessage()
    {
        using var admin = await fixture.DemoBrowserAsync("admin");
        var me = await fixture.InTenantAsync("demo", db => db.Memberships.AsNoTracking().SingleAsync(m => m.Email == "admin@demo.policyhub.test"));
        var edit = await admin.GetAsync($"{Servers.WebUrl}/o/demo/members/{me.Id}");

        var result = await admin.SubmitAsync(edit, "#member-form", new() { ["Roles"] = "Employee" });

        Assert.Contains("An organisation needs at least one active administrator.", result.ErrorMessages);
        var unchanged = await fixture.InTenantAsync("demo", db => db.Memberships.AsNoTracking().SingleAsync(m => m.Id == me.Id));
        Assert.True(unchanged.Has(TenantRoles.Administrator));
    }

    [Fact]
    public async Task Invite_BadInput_ShowsClearMessagesAndWritesNothing()
    {
        using var admin = await fixture.DemoBrowserAsync("admin");
        var before = await fixture.InTenantAsync("demo", db => db.Memberships.CountAsync());
        var invite = await admin.GetAsync($"{Servers.WebUrl}/o/demo/members/invite");

        var result = await admin.SubmitAsync(invite, "main form", new()
        {
            ["Email"] = "hr@demo.policyhub.test",
            ["DisplayName"] = "",
            ["Roles"] = "Wizard",
            ["DepartmentId"] = Guid.NewGuid().ToString(),
        });

        Assert.Contains("This person is already a member or invited.", result.ErrorMessages);
        Assert.Contains("Enter the person's name.", result.ErrorMessages);
        Assert.Contains("Choose a department from the list.", result.ErrorMessages);
        Assert.Equal(before, await fixture.InTenantAsync("demo", db => db.Memberships.CountAsync()));
    }

    [Fact]
    public async Task AdministratorActions_AppendEventsAndTheChainVerifies()
    {
        using var admin = await fixture.DemoBrowserAsync("admin");
        var email = $"audited-{Guid.NewGuid():N}@example.test";
        var startSequence = await fixture.InTenantAsync("demo", db => db.AuditChainHeads.Select(h => h.LastSequence).SingleAsync());

        await admin.SubmitAsync(await admin.GetAsync($"{Servers.WebUrl}/o/demo/members/invite"), "main form", new() { ["Email"] = email, ["DisplayName"] = "Audited Person" });
        var id = await fixture.InTenantAsync("demo", db => db.Memberships.Where(m => m.Email == email).Select(m => m.Id).SingleAsync());
        await admin.SubmitAsync(await admin.GetAsync($"{Servers.WebUrl}/o/demo/members/{id}"), "#member-form", new() { ["Roles"] = "Approver" });
        await admin.SubmitAsync(await admin.GetAsync($"{Servers.WebUrl}/o/demo/members/{id}"), $"form[action='/o/demo/members/{id}/deactivate']", []);
        await admin.SubmitAsync(await admin.GetAsync($"{Servers.WebUrl}/o/demo/settings"), "main form", new() { ["Name"] = "Demo GmbH", ["DefaultCulture"] = "de" });
        await admin.SubmitAsync(await admin.GetAsync($"{Servers.WebUrl}/o/demo/locations"), "form[action='/o/demo/locations']", new() { ["Name"] = $"Cologne {email[..12]}" });

        var (events, head, tenantId) = await fixture.InTenantAsync("demo", async db => (
            await db.AuditEvents.AsNoTracking().OrderBy(e => e.Sequence).ToListAsync(),
            await db.AuditChainHeads.AsNoTracking().SingleAsync(),
            db.CurrentTenantId!.Value));
        Assert.Equal(
            ["member.invited", "member.changed", "member.deactivated", "organisation.settings_changed", "location.created"],
            events.Where(e => e.Sequence > startSequence).Select(e => e.Action));
        Assert.All(events.Where(e => e.Sequence > startSequence).Select(e => Encoding.UTF8.GetString(e.Payload)),
            payload => Assert.DoesNotContain(email, payload, StringComparison.OrdinalIgnoreCase));
        var verification = AuditChainVerifier.Verify(tenantId, events, head);
        Assert.True(verification.IsValid, verification.Problem);
    }
}
