using System.Text.Json;

namespace PolicyHub.IntegrationTests;

/// <summary>HR's assignment dashboard and the compliance reports of Demo GmbH, read through the pages.</summary>
public sealed class DashboardTests(LiveServersFixture fixture) : IClassFixture<LiveServersFixture>
{
    private LiveServers Servers => fixture.Servers;

    [Fact]
    public async Task Dashboard_ShowsCompletionByDepartmentAndLocation_ComplianceListsWhoIsMissing()
    {
        using var hr = await fixture.DemoBrowserAsync("hr");
        using var approver = await fixture.DemoBrowserAsync("approver");
        using var compliance = await fixture.DemoBrowserAsync("compliance");
        using var mia = await fixture.DemoBrowserAsync("mia.wagner");
        var policyId = await fixture.PublishBlankPolicyAsync(hr, approver, "Marketing rules");
        var assignmentId = await fixture.AssignToDepartmentAsync(hr, policyId, "Marketing");
        var page = await mia.GetAsync($"{Servers.WebUrl}/o/demo/requests/{await fixture.RequestIdAsync("mia.wagner", policyId)}");
        await mia.SubmitAsync(page, "#acknowledge-form", new() { ["Confirmed"] = "true" });

        var dashboard = await hr.GetAsync($"{Servers.WebUrl}/o/demo/assignments/{assignmentId}");

        Assert.Equal(("50 %", "1", "1", "0"), (Text(dashboard, "#completion-percent"), Text(dashboard, "#acknowledged-count"), Text(dashboard, "#open-count"), Text(dashboard, "#overdue-count")));
        Assert.Equal(["Marketing 1 / 2"], Rows(dashboard, "#by-department"));
        Assert.Equal(["Berlin 1 / 1", "Munich 0 / 1"], Rows(dashboard, "#by-location"));
        var chart = JsonDocument.Parse(dashboard.Find("#completion-data")!.TextContent).RootElement;
        Assert.Equal(2, chart.GetProperty("audience").GetInt32());
        var series = chart.GetProperty("acknowledged").EnumerateArray().ToList();
        Assert.Equal(1, series.Last(p => p.ValueKind == JsonValueKind.Number).GetInt32());
        Assert.Equal(JsonValueKind.Null, series[^1].ValueKind); // the days to the due date are still to come
        Assert.NotNull(dashboard.Find("script[src^='/lib/chartjs/chart.umd.min.js']"));

        // The people: Noah still open, Mia acknowledged; Noah is reminded by hand, and a second time the answer says why not.
        Assert.Equal(["Noah Becker"], dashboard.Document.QuerySelectorAll("#people-table tbody tr td:first-child").Select(c => c.TextContent.Trim()));
        var acknowledged = await hr.GetAsync($"{Servers.WebUrl}/o/demo/assignments/{assignmentId}?people=Acknowledged");
        Assert.Equal(["Mia Wagner"], acknowledged.Document.QuerySelectorAll("#people-table tbody tr td:first-child").Select(c => c.TextContent.Trim()));
        var overdueOnly = await hr.GetAsync($"{Servers.WebUrl}/o/demo/assignments/{assignmentId}?people=Overdue&page=-3");
        Assert.Contains("Nobody is overdue.", overdueOnly.Find("#nobody")?.TextContent, StringComparison.Ordinal);
        var noah = await fixture.InTenantAsync("demo", db => db.Memberships.Where(m => m.DisplayName == "Noah Becker").Select(m => m.Id).SingleAsync());
        var reminded = await hr.SubmitAsync(dashboard, $"form[action$='/people/{noah}/remind']", []);
        Assert.Contains("A reminder is on its way.", reminded.Text, StringComparison.Ordinal);
        var again = await hr.SubmitAsync(reminded, $"form[action$='/people/{noah}/remind']", []);
        Assert.Contains("Not sent now: this person already had a reminder today.", again.Text, StringComparison.Ordinal);
        var requested = await fixture.InTenantAsync("demo", db => db.AuditEvents.AsNoTracking()
            .Where(e => e.Action == "assignment.reminder_requested" && e.EntityId == assignmentId.ToString()).Select(e => e.Payload).ToListAsync());
        Assert.Contains(requested, p => Encoding.UTF8.GetString(p).Contains($"\"person\":\"{noah}\"", StringComparison.Ordinal));

        // The acknowledged people as CSV, the export recorded first.
        var token = acknowledged.Find("#people-export input[name='__RequestVerificationToken']")!.GetAttribute("value")!;
        using (var csv = await hr.SendAsync(HttpMethod.Post, $"{Servers.WebUrl}/o/demo/assignments/{assignmentId}/people.csv?people=Acknowledged", new() { ["__RequestVerificationToken"] = token }))
        {
            Assert.Equal("text/csv", csv.Content.Headers.ContentType?.MediaType);
            var lines = (await csv.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
            Assert.StartsWith("person_id,name,email,department,status,due_at,acknowledged_at", lines[0], StringComparison.Ordinal);
            Assert.Contains(",Mia Wagner,", Assert.Single(lines.Skip(1)), StringComparison.Ordinal);
        }

        Assert.Contains(await fixture.InTenantAsync("demo", db => db.AuditEvents.AsNoTracking()
            .Where(e => e.Action == "evidence.exported" && e.EntityId == assignmentId.ToString()).Select(e => e.Payload).ToListAsync()),
            p => Encoding.UTF8.GetString(p).Contains("\"scope\":\"assignment\"", StringComparison.Ordinal));

        // Coverage lists the policy; the report names Noah (not Mia) today, and nobody before anyone was asked.
        var coverage = await compliance.GetAsync($"{Servers.WebUrl}/o/demo/compliance");
        Assert.Contains(Rows(coverage, "#coverage-table", columns: 3), r => r.StartsWith("Marketing rules", StringComparison.Ordinal) && r.Contains("1 / 2", StringComparison.Ordinal));
        var versionId = await fixture.InTenantAsync("demo", db => db.PolicyVersions.Where(v => v.PolicyId == policyId && v.Number == 1).Select(v => v.Id).SingleAsync());
        var today = await compliance.GetAsync($"{Servers.WebUrl}/o/demo/compliance/outstanding?version={versionId}");
        Assert.Equal(["Noah Becker"], Names(today));
        Assert.Contains("1 of 2 people asked had not acknowledged", today.Find("#outstanding-summary")!.TextContent, StringComparison.Ordinal);
        var before = await compliance.GetAsync($"{Servers.WebUrl}/o/demo/compliance/outstanding?version={versionId}&asOf={DateTime.UtcNow.AddDays(-1):yyyy-MM-dd}");
        Assert.Empty(Names(before));

        // A minor version 2: Mia's acknowledgement of version 1 counts for it.
        await fixture.PublishNewVersionAsync(hr, approver, policyId, 2, material: false);
        var v2 = await fixture.InTenantAsync("demo", db => db.PolicyVersions.Where(v => v.PolicyId == policyId && v.Number == 2).Select(v => v.Id).SingleAsync());
        var minor = await compliance.GetAsync($"{Servers.WebUrl}/o/demo/compliance/outstanding?version={v2}");
        Assert.Equal(["Noah Becker"], Names(minor));
        Assert.Contains("Acknowledgements of versions 1, 2 count", minor.Text, StringComparison.Ordinal);

        // Bad input: a date that is not one gets a message; an unknown version is not found.
        var badDate = await compliance.GetAsync($"{Servers.WebUrl}/o/demo/compliance/outstanding?version={v2}&asOf=yesterday");
        Assert.Contains("Enter the date as YYYY-MM-DD.", badDate.ErrorMessages);
        using var unknown = await compliance.SendAsync(HttpMethod.Get, $"{Servers.WebUrl}/o/demo/compliance/outstanding?version={Guid.NewGuid()}");
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    [Fact]
    public async Task Dashboard_CountsPeopleInTheUnitTheyAreInNow_AfterAnEditAndAnImport()
    {
        using var admin = await fixture.DemoBrowserAsync("admin");
        using var hr = await fixture.DemoBrowserAsync("hr");
        using var approver = await fixture.DemoBrowserAsync("approver");
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var email = $"una.{suffix}@example.test";
        async Task<string> ImportAsync(string location)
            => (await admin.UploadAsync(await admin.GetAsync($"{Servers.WebUrl}/o/demo/members/import"), "main form", "File", "people.csv",
                Encoding.UTF8.GetBytes($"email,name,department,location,roles\n{email},Una Unit,Units {suffix},{location},Employee"))).Find("#import-summary")?.TextContent ?? string.Empty;
        Assert.Contains("1 invited", await ImportAsync("Berlin"), StringComparison.Ordinal);
        var policyId = await fixture.PublishBlankPolicyAsync(hr, approver, $"Unit rules {suffix}");
        var assignmentId = await fixture.AssignToDepartmentAsync(hr, policyId, $"Units {suffix}");
        async Task<List<string>> LocationsAsync() => Rows(await hr.GetAsync($"{Servers.WebUrl}/o/demo/assignments/{assignmentId}"), "#by-location");
        Assert.Equal(["Berlin 0 / 1"], await LocationsAsync());

        // The administrator moves Una to Munich: her request moves with her, in the same save.
        var una = await fixture.InTenantAsync("demo", db => db.Memberships.Where(m => m.Email == email).Select(m => m.Id).SingleAsync());
        var munich = await fixture.InTenantAsync("demo", db => db.Locations.Where(l => l.Name == "Munich").Select(l => l.Id).SingleAsync());
        await admin.SubmitAsync(await admin.GetAsync($"{Servers.WebUrl}/o/demo/members/{una}"), "#member-form", new() { ["LocationId"] = munich.ToString() });
        Assert.Equal(["Munich 0 / 1"], await LocationsAsync());

        // An import that names a new location moves her there.
        Assert.Contains("1 updated", await ImportAsync($"Harbour {suffix}"), StringComparison.Ordinal);
        Assert.Equal([$"Harbour {suffix} 0 / 1"], await LocationsAsync());
        var (request, member) = await fixture.InTenantAsync("demo", async db => (
            await db.AcknowledgementRequests.Where(r => r.MembershipId == una).Select(r => new { r.DepartmentId, r.LocationId }).SingleAsync(),
            await db.Memberships.Where(m => m.Id == una).Select(m => new { m.DepartmentId, m.LocationId }).SingleAsync()));
        Assert.Equal(member, request);
    }

    private static string Text(TestPage page, string selector) => page.Find(selector)!.TextContent.Trim();

    private static List<string> Rows(TestPage page, string table, int columns = 2)
        => page.Document.QuerySelectorAll($"{table} tbody tr")
            .Select(r => string.Join(' ', r.QuerySelectorAll("td").Take(columns).Select(c => string.Join(' ', c.TextContent.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)))))
            .ToList();

    private static List<string> Names(TestPage page)
        => page.Document.QuerySelectorAll("#outstanding-table tbody tr td:first-child").Select(c => c.TextContent.Trim()).ToList();
}
