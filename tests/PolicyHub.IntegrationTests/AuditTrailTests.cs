using PolicyHub.Core.Audit;
using PolicyHub.Data.Database;
using PolicyHub.Verify;

namespace PolicyHub.IntegrationTests;

/// <summary>The audit trail pages and exports of Demo GmbH, as a compliance officer uses them.</summary>
public sealed class AuditTrailTests(LiveServersFixture fixture) : IClassFixture<LiveServersFixture>
{
    private LiveServers Servers => fixture.Servers;

    [Fact]
    public async Task Trail_FiltersByTypePolicyPersonAndText_PagesAndShowsAVerifiedEvent()
    {
        using var hr = await fixture.DemoBrowserAsync("hr");
        using var approver = await fixture.DemoBrowserAsync("approver");
        using var compliance = await fixture.DemoBrowserAsync("compliance");
        var policyId = await fixture.PublishBlankPolicyAsync(hr, approver, "Audited rules");
        var url = $"{Servers.WebUrl}/o/demo/audit";

        var published = await compliance.GetAsync($"{url}?type=policy.version_published&policy={policyId}");
        Assert.Equal(["policy.version_published"], Actions(published));
        var byApprover = await compliance.GetAsync($"{url}?person=approver@demo.policyhub.test&policy={policyId}");
        Assert.Equal(["policy.version_approved"], Actions(byApprover));
        var search = await compliance.GetAsync($"{url}?q={Uri.EscapeDataString(policyId.ToString())}");
        Assert.Contains("policy.created", Actions(search));
        Assert.All(search.Document.QuerySelectorAll("#audit-table tbody tr td:nth-child(5)"), c => Assert.Contains(policyId.ToString(), c.TextContent, StringComparison.Ordinal));

        // Keyset paging: the second page continues below the first, without overlap (60 more events make sure there is one).
        await fixture.InTenantAsync("demo", db => db.InTransactionAsync(async ct =>
        {
            for (var i = 0; i < 60; i++)
            {
                db.Audit(new AuditEntry("member.invitation_resent", "Membership", Guid.NewGuid().ToString(), []), "system");
            }

            return await db.SaveChangesAsync(ct);
        }));
        var first = await compliance.GetAsync(url);
        var older = first.Find("#older")?.GetAttribute("href");
        Assert.NotNull(older);
        var second = await compliance.GetAsync(url + older);
        var firstSequences = Sequences(first);
        Assert.Equal(50, firstSequences.Count);
        Assert.True(Sequences(second).Max() < firstSequences.Min());

        var detail = await compliance.GetAsync($"{url}/{firstSequences[0]}");
        Assert.Contains("The hash recomputes from the payload and links to the previous event.", detail.Find("#event-check")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(64, detail.Find("#event-hash")!.TextContent.Length);

        // Bad input gets a message and no rows.
        var backwards = await compliance.GetAsync($"{url}?from=2026-12-31&to=2026-01-01");
        Assert.Contains("The end date must not be before the start date.", backwards.ErrorMessages);
        var nobody = await compliance.GetAsync($"{url}?person=nobody@example.test");
        Assert.Contains("Nobody with this email address is in this organisation.", nobody.ErrorMessages);
        using var missing = await compliance.SendAsync(HttpMethod.Get, $"{url}/999999999");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public async Task Export_WholeTrailAsJsonLines_VerifiesWithTheVerifier_AndTheExportIsRecorded()
    {
        using var compliance = await fixture.DemoBrowserAsync("compliance");
        var signed = await compliance.SubmitAsync(await compliance.GetAsync($"{Servers.WebUrl}/o/demo/audit"), "form[action$='/audit/checkpoint']", []);
        Assert.Contains("Checkpoint signed: event", signed.Text, StringComparison.Ordinal);
        var token = await compliance.AntiforgeryTokenAsync($"{Servers.WebUrl}/o/demo/audit");

        using var response = await compliance.SendAsync(HttpMethod.Post, $"{Servers.WebUrl}/o/demo/audit/export.jsonl", new() { ["__RequestVerificationToken"] = token });
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/x-ndjson", response.Content.Headers.ContentType?.MediaType);
        using var anonymous = LiveServers.NewBrowser();
        var keys = await (await anonymous.SendAsync(HttpMethod.Get, $"{Servers.WebUrl}/.well-known/policyhub-audit-keys.json")).Content.ReadAsStringAsync();
        var verdict = ExportVerifier.Verify(new StringReader(body), new StringReader(keys));
        Assert.True(verdict.Ok, verdict.Message);
        Assert.Contains("complete trail", verdict.Message, StringComparison.Ordinal);
        Assert.Contains("1 of 1 signed checkpoints match the chain", verdict.Message, StringComparison.Ordinal);
        var recorded = await fixture.InTenantAsync("demo", db => db.AuditEvents.AsNoTracking().OrderByDescending(e => e.Sequence).FirstAsync(e => e.Action == "audit.exported"));
        var compliancePerson = await fixture.InTenantAsync("demo", db => db.Memberships.Where(m => m.Email == "compliance@demo.policyhub.test").Select(m => m.Id).SingleAsync());
        Assert.Equal(compliancePerson.ToString(), recorded.Actor);
        Assert.Contains("\"format\":\"jsonl\"", Encoding.UTF8.GetString(recorded.Payload), StringComparison.Ordinal);

        // A filtered CSV export: one header row and the matching events only.
        using var csv = await compliance.SendAsync(HttpMethod.Post, $"{Servers.WebUrl}/o/demo/audit/export.csv",
            new() { ["__RequestVerificationToken"] = token, ["type"] = "audit.exported" });
        var rows = (await csv.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("tenant,sequence,occurred_at", rows[0], StringComparison.Ordinal);
        Assert.All(rows.Skip(1), r => Assert.Contains(",audit.exported,", r, StringComparison.Ordinal));
        Assert.True(rows.Length >= 2);
    }

    private static List<string> Actions(TestPage page) => page.Document.QuerySelectorAll("#audit-table tbody tr td:nth-child(3)").Select(c => c.TextContent.Trim()).ToList();

    private static List<long> Sequences(TestPage page)
        => page.Document.QuerySelectorAll("#audit-table tbody tr td:first-child").Select(c => long.Parse(c.TextContent.Trim(), System.Globalization.CultureInfo.InvariantCulture)).ToList();
}

/// <summary>Evidence exports of Demo GmbH: per policy version and per person, streamed as CSV.</summary>
public sealed class EvidenceExportTests(LiveServersFixture fixture) : IClassFixture<LiveServersFixture>
{
    private LiveServers Servers => fixture.Servers;

    [Fact]
    public async Task Evidence_ForAVersionAndAPerson_ListsEveryoneAskedWithTheirEvidence_FormulasEscaped()
    {
        using var admin = await fixture.DemoBrowserAsync("admin");
        using var hr = await fixture.DemoBrowserAsync("hr");
        using var approver = await fixture.DemoBrowserAsync("approver");
        using var compliance = await fixture.DemoBrowserAsync("compliance");
        using var hannah = await fixture.DemoBrowserAsync("hannah.klein");
        var finn = await fixture.InTenantAsync("demo", db => db.Memberships.Where(m => m.Email == "finn.bauer@demo.policyhub.test").Select(m => m.Id).SingleAsync());
        await admin.SubmitAsync(await admin.GetAsync($"{Servers.WebUrl}/o/demo/members/{finn}"), "main form", new() { ["DisplayName"] = "=HYPERLINK(\"http://evil.example\")" });
        var policyId = await fixture.PublishBlankPolicyAsync(hr, approver, "Service rules");
        await fixture.AssignToDepartmentAsync(hr, policyId, "Customer Service");
        await hannah.SubmitAsync(await hannah.GetAsync($"{Servers.WebUrl}/o/demo/requests/{await fixture.RequestIdAsync("hannah.klein", policyId)}"), "#acknowledge-form", new() { ["Confirmed"] = "true" });
        var version = await fixture.InTenantAsync("demo", db => db.PolicyVersions.Where(v => v.PolicyId == policyId).Select(v => new { v.Id, v.ContentHash }).SingleAsync());
        var token = await compliance.AntiforgeryTokenAsync($"{Servers.WebUrl}/o/demo/compliance");
        var before = await fixture.InTenantAsync("demo", db => db.AuditEvents.CountAsync(e => e.Action == "evidence.exported"));

        using var response = await compliance.SendAsync(HttpMethod.Post, $"{Servers.WebUrl}/o/demo/compliance/versions/{version.Id}/evidence.csv", new() { ["__RequestVerificationToken"] = token });
        var rows = Rfc4180.Parse(await response.Content.ReadAsByteArrayAsync());

        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(PolicyHub.Web.Features.Compliance.EvidenceExport.Columns, rows[0]);
        var byName = rows.Skip(1).ToDictionary(r => r[1]);
        Assert.Equal(2, byName.Count);
        var signed = byName["Hannah Klein"];
        Assert.Equal(("Acknowledged", "127.0.0.1", Convert.ToHexStringLower(version.ContentHash!)), (signed[7], signed[22], signed[14]));
        Assert.False(string.IsNullOrEmpty(signed[11]));
        var open = byName["'=HYPERLINK(\"http://evil.example\")"]; // escaped: a spreadsheet shows it as text
        Assert.Equal(("Open", string.Empty), (open[7], open[11]));

        using var person = await compliance.SendAsync(HttpMethod.Post, $"{Servers.WebUrl}/o/demo/compliance/people/evidence.csv",
            new() { ["__RequestVerificationToken"] = token, ["person"] = "hannah.klein@demo.policyhub.test" });
        var personRows = Rfc4180.Parse(await person.Content.ReadAsByteArrayAsync());
        Assert.Contains(personRows.Skip(1), r => r[5] == "Service rules" && r[7] == "Acknowledged");
        Assert.All(personRows.Skip(1), r => Assert.Equal("Hannah Klein", r[1]));

        // Someone who is not a member gets a message and no file; both exports were recorded.
        var unknown = await compliance.SubmitAsync(await compliance.GetAsync($"{Servers.WebUrl}/o/demo/compliance"), "#person-evidence", new() { ["person"] = "nobody@example.test" });
        Assert.Contains("Nobody with this email address is in this organisation.", unknown.Text, StringComparison.Ordinal);
        Assert.Equal(before + 2, await fixture.InTenantAsync("demo", db => db.AuditEvents.CountAsync(e => e.Action == "evidence.exported")));
    }
}
