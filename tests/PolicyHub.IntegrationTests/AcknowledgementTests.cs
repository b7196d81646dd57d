using System.Text.Json;
using PolicyHub.Core.Acknowledgements;
using PolicyHub.Core.Audit;
using PolicyHub.Core.Policies;

namespace PolicyHub.IntegrationTests;

/// <summary>Employees of Demo GmbH read and acknowledge through the pages; the evidence is checked in the database.</summary>
public sealed class AcknowledgementTests(LiveServersFixture fixture) : IClassFixture<LiveServersFixture>
{
    private LiveServers Servers => fixture.Servers;

    [Fact]
    public async Task Acknowledge_RecordsEveryEvidenceField_WithItsAuditEvent_AndAReceipt()
    {
        using var hr = await fixture.DemoBrowserAsync("hr");
        using var approver = await fixture.DemoBrowserAsync("approver");
        using var employee = await fixture.DemoBrowserAsync("employee");
        var policyId = await fixture.PublishBlankPolicyAsync(hr, approver, "Evidence rules");
        await fixture.AssignToDepartmentAsync(hr, policyId, "Sales");
        var requestId = await fixture.RequestIdAsync("employee", policyId);
        employee.Http.DefaultRequestHeaders.UserAgent.ParseAdd("EvidenceTest/1.0");
        var before = await fixture.InTenantAsync("demo", db => db.AuditEvents.MaxAsync(e => e.Sequence));

        var home = await employee.GetAsync($"{Servers.WebUrl}/o/demo");
        var link = home.Document.QuerySelectorAll("#to-acknowledge a").Single(a => a.TextContent.Contains("Evidence rules", StringComparison.Ordinal));
        var page = await employee.GetAsync(new Uri(new Uri(Servers.WebUrl), link.GetAttribute("href")).ToString());
        Assert.Contains("I have read and understood “Evidence rules” (version 1) and I will follow it.", page.Find("#statement")!.TextContent, StringComparison.Ordinal);

        var unticked = await employee.SubmitAsync(page, "#acknowledge-form", []);
        Assert.Contains("Tick the box to confirm that you have read and understood the policy.", unticked.ErrorMessages);
        var wrongName = await employee.SubmitAsync(page, "#acknowledge-form", new() { ["Confirmed"] = "true", ["TypedName"] = "Someone Else" });
        Assert.Contains("Type your full name as PolicyHub knows it: Emil Schmidt.", wrongName.ErrorMessages);
        Assert.Equal(0, await fixture.InTenantAsync("demo", db => db.Acknowledgements.CountAsync(a => a.RequestId == requestId)));

        var receipt = await employee.SubmitAsync(page, "#acknowledge-form", new() { ["Confirmed"] = "true", ["TypedName"] = "  emil   SCHMIDT " });

        Assert.Contains("Thank you. Your acknowledgement is recorded", receipt.Text, StringComparison.Ordinal);
        var (ack, version, member, request) = await fixture.InTenantAsync("demo", async db =>
        {
            var a = await db.Acknowledgements.AsNoTracking().SingleAsync(x => x.RequestId == requestId);
            return (a, await db.PolicyVersions.AsNoTracking().SingleAsync(v => v.Id == a.PolicyVersionId),
                await db.Memberships.AsNoTracking().SingleAsync(m => m.Id == a.MembershipId), await db.AcknowledgementRequests.AsNoTracking().SingleAsync(r => r.Id == requestId));
        });
        Assert.Equal($"employee@{PolicyHub.Demo.DemoPeople.Domain}", member.Email);
        Assert.Equal((policyId, 1, "en", AcknowledgementMethod.WebForm, "emil SCHMIDT"), (ack.PolicyId, ack.VersionNumber, ack.Language, ack.Method, ack.TypedName));
        Assert.Equal(version.ContentHash, ack.ContentHash);
        Assert.Equal("I have read and understood “Evidence rules” (version 1) and I will follow it.", ack.Statement);
        Assert.Equal((member.Subject, member.DisplayName, member.Email), (ack.Subject, ack.DisplayName, ack.Email));
        Assert.Equal("127.0.0.1", ack.IpAddress);
        Assert.Equal("EvidenceTest/1.0", ack.UserAgent);
        Assert.InRange(ack.AcknowledgedAt, DateTime.UtcNow.AddMinutes(-1), DateTime.UtcNow);
        Assert.Equal((RequestStatus.Acknowledged, ack.Id, (DateTime?)ack.AcknowledgedAt), (request.Status, request.AcknowledgementId!.Value, request.AcknowledgedAt));

        // The receipt page and the PDF show the fingerprint of exactly this text.
        Assert.Equal(Convert.ToHexStringLower(version.ContentHash!), receipt.Find("#receipt-hash")!.TextContent);
        Assert.Contains(ack.Id.ToString(), receipt.Find("#receipt-id")!.TextContent, StringComparison.Ordinal);
        using var pdf = await employee.SendAsync(HttpMethod.Get, $"{Servers.WebUrl}/o/demo/acknowledgements/{ack.Id}/receipt.pdf");
        Assert.Equal("application/pdf", pdf.Content.Headers.ContentType?.MediaType);
        Assert.True(pdf.Headers.CacheControl?.NoStore == true, $"Receipt PDF: Cache-Control is '{pdf.Headers.CacheControl}'");
        Assert.True(receipt.Response.Headers.CacheControl?.NoStore == true, "Receipt page: no-store");
        var bytes = await pdf.Content.ReadAsByteArrayAsync();
        Assert.StartsWith("%PDF-", Encoding.ASCII.GetString(bytes, 0, 5), StringComparison.Ordinal);
        Assert.True(bytes.Length > 2000, "The receipt PDF is suspiciously small.");

        // Home: gone from "to acknowledge", listed as acknowledged; the history shows it with the text.
        var after = await employee.GetAsync($"{Servers.WebUrl}/o/demo");
        Assert.DoesNotContain("Evidence rules", after.Find("#to-acknowledge")?.TextContent ?? string.Empty, StringComparison.Ordinal);
        Assert.Contains("Evidence rules", after.Find("#acknowledged")!.TextContent, StringComparison.Ordinal);
        var history = await employee.GetAsync($"{Servers.WebUrl}/o/demo/my/acknowledgements");
        Assert.Contains("Evidence rules", history.Find("#history-table")!.TextContent, StringComparison.Ordinal);

        // One audit event, in the chain, without personal data.
        var (events, head, tenantId) = await fixture.InTenantAsync("demo", async db => (
            await db.AuditEvents.AsNoTracking().OrderBy(e => e.Sequence).ToListAsync(), await db.AuditChainHeads.AsNoTracking().SingleAsync(), db.CurrentTenantId!.Value));
        var recorded = events.Where(e => e.Sequence > before && e.Action == "acknowledgement.recorded").ToList();
        var payload = JsonDocument.Parse(Assert.Single(recorded).Payload).RootElement.GetProperty("data");
        Assert.Equal(ack.Id.ToString(), recorded[0].EntityId);
        Assert.Equal(Convert.ToHexStringLower(version.ContentHash!), payload.GetProperty("contentHash").GetString());
        Assert.DoesNotContain("Schmidt", Encoding.UTF8.GetString(recorded[0].Payload), StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("127.0.0.1", Encoding.UTF8.GetString(recorded[0].Payload), StringComparison.Ordinal);
        Assert.True(AuditChainVerifier.Verify(tenantId, events, head).IsValid);
    }

    [Fact]
    public async Task Acknowledge_DoubleSubmitAndSecondTab_GiveOneAcknowledgementAndOneAuditEvent()
    {
        using var hr = await fixture.DemoBrowserAsync("hr");
        using var approver = await fixture.DemoBrowserAsync("approver");
        using var lena = await fixture.DemoBrowserAsync("lena.fischer");
        var policyId = await fixture.PublishBlankPolicyAsync(hr, approver, "Double rules");
        await fixture.AssignToDepartmentAsync(hr, policyId, "Sales");
        var requestId = await fixture.RequestIdAsync("lena.fischer", policyId);
        var url = $"{Servers.WebUrl}/o/demo/requests/{requestId}";
        var tab1 = await lena.GetAsync(url);
        var tab2 = await lena.GetAsync(url);
        var before = await fixture.InTenantAsync("demo", db => db.AuditEvents.MaxAsync(e => e.Sequence));

        var submits = await Task.WhenAll(Enumerable.Range(0, 4).Select(i => lena.SubmitAsync(i % 2 == 0 ? tab1 : tab2, "#acknowledge-form", new() { ["Confirmed"] = "true" })));

        var acks = await fixture.InTenantAsync("demo", db => db.Acknowledgements.AsNoTracking().Where(a => a.PolicyId == policyId).ToListAsync());
        var ack = Assert.Single(acks);
        Assert.All(submits, s => Assert.Equal($"{Servers.WebUrl}/o/demo/acknowledgements/{ack.Id}", s.Url));
        Assert.Equal(1, await fixture.InTenantAsync("demo", db => db.AuditEvents.CountAsync(e => e.Sequence > before && e.Action == "acknowledgement.recorded")));
        // Opening the request again leads to the receipt.
        Assert.Equal($"{Servers.WebUrl}/o/demo/acknowledgements/{ack.Id}", (await lena.GetAsync(url)).Url);
    }

    [Fact]
    public async Task Acknowledge_SupersededRetiredOrChangedText_IsRefusedAndWritesNothing()
    {
        using var hr = await fixture.DemoBrowserAsync("hr");
        using var approver = await fixture.DemoBrowserAsync("approver");
        using var jonas = await fixture.DemoBrowserAsync("jonas.weber");
        var policyId = await fixture.PublishBlankPolicyAsync(hr, approver, "Moving rules");
        await fixture.AssignToDepartmentAsync(hr, policyId, "Sales");
        var stale = await jonas.GetAsync($"{Servers.WebUrl}/o/demo/requests/{await fixture.RequestIdAsync("jonas.weber", policyId)}");

        // A minor version replaces the text while Jonas reads version 1: he must read version 2 first.
        await fixture.PublishNewVersionAsync(hr, approver, policyId, 2, material: false);
        var changed = await jonas.SubmitAsync(stale, "#acknowledge-form", new() { ["Confirmed"] = "true" });
        Assert.Equal(HttpStatusCode.Conflict, changed.Status);
        Assert.Contains("A new version was published while you were reading. Please read it and acknowledge again. Nothing was recorded.", changed.ErrorMessages);
        Assert.Contains("Version 2.", changed.Find("#policy-text")!.TextContent, StringComparison.Ordinal);

        // A material version supersedes it: the open request for version 2 is withdrawn, the old form is refused.
        var v2 = await jonas.GetAsync(changed.Url);
        await fixture.PublishNewVersionAsync(hr, approver, policyId, 3, material: true);
        var superseded = await jonas.SubmitAsync(v2, "#acknowledge-form", new() { ["Confirmed"] = "true" });
        Assert.Equal(HttpStatusCode.Conflict, superseded.Status);
        Assert.Contains("This version is no longer in force, so it cannot be acknowledged. Nothing was recorded.", superseded.ErrorMessages);

        // Retiring the policy withdraws the request for version 3 as well.
        var v3 = await jonas.GetAsync($"{Servers.WebUrl}/o/demo/requests/{await fixture.RequestIdAsync("jonas.weber", policyId)}");
        await hr.SubmitAsync(await hr.GetAsync($"{Servers.WebUrl}/o/demo/policies/{policyId}/retire"), "#retire-form", []);
        var retired = await jonas.SubmitAsync(v3, "#acknowledge-form", new() { ["Confirmed"] = "true" });
        Assert.Equal(HttpStatusCode.Conflict, retired.Status);

        Assert.Equal(0, await fixture.InTenantAsync("demo", db => db.Acknowledgements.CountAsync(a => a.PolicyId == policyId)));
        Assert.Equal(0, await fixture.InTenantAsync("demo", db => db.AcknowledgementRequests.CountAsync(r => r.Status == RequestStatus.Open
            && db.Assignments.Any(a => a.Id == r.AssignmentId && a.PolicyId == policyId))));
    }

    [Fact]
    public async Task Acknowledge_AnotherPersonsRequestOrReceipt_AnswersNotFound_ComplianceMayReadReceipts()
    {
        using var hr = await fixture.DemoBrowserAsync("hr");
        using var approver = await fixture.DemoBrowserAsync("approver");
        using var ben = await fixture.DemoBrowserAsync("ben.schwarz");
        using var mia = await fixture.DemoBrowserAsync("mia.wagner");
        using var compliance = await fixture.DemoBrowserAsync("compliance");
        var policyId = await fixture.PublishBlankPolicyAsync(hr, approver, "Personal rules");
        await fixture.AssignToDepartmentAsync(hr, policyId, "Sales");
        var bens = await fixture.RequestIdAsync("ben.schwarz", policyId);
        var token = await mia.AntiforgeryTokenAsync($"{Servers.WebUrl}/o/demo");

        using var read = await mia.SendAsync(HttpMethod.Get, $"{Servers.WebUrl}/o/demo/requests/{bens}");
        using var post = await mia.SendAsync(HttpMethod.Post, $"{Servers.WebUrl}/o/demo/requests/{bens}", new() { ["__RequestVerificationToken"] = token, ["Confirmed"] = "true" });
        Assert.Equal((HttpStatusCode.NotFound, HttpStatusCode.NotFound), (read.StatusCode, post.StatusCode));
        Assert.Equal(0, await fixture.InTenantAsync("demo", db => db.Acknowledgements.CountAsync(a => a.PolicyId == policyId)));
        Assert.DoesNotContain("Personal rules", (await mia.GetAsync($"{Servers.WebUrl}/o/demo")).Text, StringComparison.Ordinal);

        var receipt = await ben.SubmitAsync(await ben.GetAsync($"{Servers.WebUrl}/o/demo/requests/{bens}"), "#acknowledge-form", new() { ["Confirmed"] = "true" });
        using var miaReceipt = await mia.SendAsync(HttpMethod.Get, receipt.Url);
        using var miaPdf = await mia.SendAsync(HttpMethod.Get, receipt.Url + "/receipt.pdf");
        Assert.Equal((HttpStatusCode.NotFound, HttpStatusCode.NotFound), (miaReceipt.StatusCode, miaPdf.StatusCode));
        Assert.Equal(HttpStatusCode.OK, (await compliance.GetAsync(receipt.Url)).Status);
    }

    [Fact]
    public async Task Acknowledge_OrganisationRequiresTypedName_WithoutItIsRefused()
    {
        using var admin = await fixture.DemoBrowserAsync("admin");
        using var hr = await fixture.DemoBrowserAsync("hr");
        using var approver = await fixture.DemoBrowserAsync("approver");
        using var sofia = await fixture.DemoBrowserAsync("sofia.hoffmann");
        var policyId = await fixture.PublishBlankPolicyAsync(hr, approver, "Signed rules");
        await fixture.AssignToDepartmentAsync(hr, policyId, "Engineering");
        var settings = await admin.SubmitAsync(await admin.GetAsync($"{Servers.WebUrl}/o/demo/settings"), "main form", new() { ["RequireTypedName"] = "true" });
        Assert.Empty(settings.ErrorMessages);
        try
        {
            var page = await sofia.GetAsync($"{Servers.WebUrl}/o/demo/requests/{await fixture.RequestIdAsync("sofia.hoffmann", policyId)}");

            var missing = await sofia.SubmitAsync(page, "#acknowledge-form", new() { ["Confirmed"] = "true" });
            Assert.Contains("Type your full name to sign.", missing.ErrorMessages);
            Assert.Equal(0, await fixture.InTenantAsync("demo", db => db.Acknowledgements.CountAsync(a => a.PolicyId == policyId)));

            var signed = await sofia.SubmitAsync(page, "#acknowledge-form", new() { ["Confirmed"] = "true", ["TypedName"] = "Sofia Hoffmann" });
            Assert.Contains("Sofia Hoffmann", signed.Find("#receipt")!.TextContent, StringComparison.Ordinal);
        }
        finally
        {
            await admin.SubmitAsync(await admin.GetAsync($"{Servers.WebUrl}/o/demo/settings"), "main form", new() { ["RequireTypedName"] = "false" });
        }
    }
}

/// <summary>A policy with a German translation: people read and acknowledge the text in their language.</summary>
public sealed class TranslationTests(LiveServersFixture fixture) : IClassFixture<LiveServersFixture>
{
    private const string German = "# Regeln für Fotos\n\nKeine Fotos von Kundinnen und Kunden.";

    private LiveServers Servers => fixture.Servers;

    [Fact]
    public async Task Translation_ApprovedAndPublishedWithItsVersion_ReadAndAcknowledgedInTheReadersLanguage()
    {
        using var hr = await fixture.DemoBrowserAsync("hr");
        using var approver = await fixture.DemoBrowserAsync("approver");
        var draft = await hr.SubmitAsync(await hr.GetAsync($"{Servers.WebUrl}/o/demo/policies/new/blank/en"), "main form", new() { ["Title"] = "Photo rules", ["Category"] = "Rules" });
        var policyId = Guid.Parse(draft.Url.Split("/policies/")[1].Split('/')[0]);
        await hr.SubmitAsync(draft, "#draft-form", new() { ["Markdown"] = "# Photo rules\n\nNo photos of customers." });
        var translate = await hr.GetAsync($"{Servers.WebUrl}/o/demo/policies/{policyId}/versions/1/translations/de");
        Assert.Contains("No photos of customers.", translate.Find("#original")!.TextContent, StringComparison.Ordinal);

        // Bad input: an empty translation, or a language PolicyHub does not offer, writes nothing.
        var empty = await hr.SubmitAsync(translate, "#translation-form", new() { ["Markdown"] = " " });
        Assert.Contains("The translation cannot be empty.", empty.ErrorMessages);
        using var french = await hr.SendAsync(HttpMethod.Get, $"{Servers.WebUrl}/o/demo/policies/{policyId}/versions/1/translations/fr");
        Assert.Equal(HttpStatusCode.NotFound, french.StatusCode);
        Assert.Equal(0, await fixture.InTenantAsync("demo", db => db.PolicyTranslations.CountAsync(t => db.PolicyVersions.Any(v => v.Id == t.PolicyVersionId && v.PolicyId == policyId))));

        var saved = await hr.SubmitAsync(translate, "#translation-form", new() { ["Markdown"] = German });
        Assert.Contains("The translation has been saved.", saved.Text, StringComparison.Ordinal);
        await hr.SubmitAsync(saved, "#draft-form", new() { ["Then"] = "submit" });
        await approver.SubmitAsync(await approver.GetAsync($"{Servers.WebUrl}/o/demo/policies/{policyId}"), "form[action$='/versions/1/approve']", []);
        await hr.SubmitAsync(await hr.GetAsync($"{Servers.WebUrl}/o/demo/policies/{policyId}/versions/1/publish"), "#publish-form", []);
        var translation = await fixture.InTenantAsync("demo", db => db.PolicyTranslations.AsNoTracking().SingleAsync(t => db.PolicyVersions.Any(v => v.Id == t.PolicyVersionId && v.PolicyId == policyId)));
        Assert.Equal(ContentHash.Compute(German), translation.ContentHash);

        // Published: the translation is frozen with its version.
        var late = await hr.SubmitAsync(translate, "#translation-form", new() { ["Markdown"] = German + " Geändert." });
        Assert.Equal(HttpStatusCode.Conflict, late.Status);
        Assert.Equal(German, await fixture.InTenantAsync("demo", db => db.PolicyTranslations.Where(t => t.Id == translation.Id).Select(t => t.Markdown).SingleAsync()));

        await fixture.AssignToDepartmentAsync(hr, policyId, "Finance");
        using var luca = await fixture.DemoBrowserAsync("luca.wolf", acceptLanguage: "de");
        using var marie = await fixture.DemoBrowserAsync("marie.neumann");

        // Luca reads German and acknowledges the German text.
        var page = await luca.GetAsync($"{Servers.WebUrl}/o/demo/requests/{await fixture.RequestIdAsync("luca.wolf", policyId)}");
        Assert.Contains("Keine Fotos von Kundinnen und Kunden.", page.Find("#policy-text")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(Convert.ToHexStringLower(translation.ContentHash!), page.Find("#content-hash")!.TextContent);
        var receipt = await luca.SubmitAsync(page, "#acknowledge-form", new() { ["Confirmed"] = "true" });
        var ack = await fixture.InTenantAsync("demo", db => db.Acknowledgements.AsNoTracking().SingleAsync(a => a.PolicyId == policyId));
        Assert.Equal("de", ack.Language);
        Assert.Equal(translation.ContentHash, ack.ContentHash);
        Assert.Equal("Ich habe „Photo rules“ (Version 1) gelesen und verstanden und werde mich daran halten.", ack.Statement);
        Assert.Contains("Keine Fotos", receipt.Find("#acknowledged-text")!.TextContent, StringComparison.Ordinal);

        // Marie reads English, and may switch to German.
        var english = await marie.GetAsync($"{Servers.WebUrl}/o/demo/requests/{await fixture.RequestIdAsync("marie.neumann", policyId)}");
        Assert.Contains("No photos of customers.", english.Find("#policy-text")!.TextContent, StringComparison.Ordinal);
        var german = await marie.GetAsync(english.Url + "?language=de");
        Assert.Contains("Keine Fotos", german.Find("#policy-text")!.TextContent, StringComparison.Ordinal);

        // A new version starts with the translation as a draft, to be brought in line with the new text.
        await hr.SubmitAsync(await hr.GetAsync($"{Servers.WebUrl}/o/demo/policies/{policyId}"), "#new-version-form", new() { ["ChangeSummary"] = "Videos too" });
        var next = await fixture.InTenantAsync("demo", db => db.PolicyTranslations.AsNoTracking()
            .SingleAsync(t => db.PolicyVersions.Any(v => v.Id == t.PolicyVersionId && v.PolicyId == policyId && v.Number == 2)));
        Assert.Equal((German, null), (next.Markdown, next.ContentHash));
    }
}
