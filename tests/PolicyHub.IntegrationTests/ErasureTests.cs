using Microsoft.Extensions.DependencyInjection;
using PolicyHub.Core.Tenancy;
using PolicyHub.Data.Web;
using PolicyHub.Verify;

namespace PolicyHub.IntegrationTests;

/// <summary>
/// Erasing a former member: a person who was invited (an email with their name), managed someone, signed in and
/// acknowledged a policy with their typed name is deactivated and erased through the pages; afterwards the bytes
/// of the Web database file hold neither their name nor their email, their acknowledgement is still evidence under
/// the pseudonym, and the exported chain verifies.
/// </summary>
public sealed class ErasureTests(LiveServersFixture fixture) : IClassFixture<LiveServersFixture>
{
    private LiveServers Servers => fixture.Servers;

    [Fact]
    public async Task EraseFormerMember_NoNameOrEmailRemainsInTheDatabaseFile_EvidenceStays_ChainVerifies()
    {
        const string name = "Erika Zzyzxqw";
        var email = await fixture.CreateConfirmedAccountAsync(name);
        using var admin = await fixture.DemoBrowserAsync("admin");
        using var hr = await fixture.DemoBrowserAsync("hr");
        using var approver = await fixture.DemoBrowserAsync("approver");
        var sales = await fixture.InTenantAsync("demo", db => db.Departments.Where(d => d.Name == "Sales").Select(d => d.Id).SingleAsync());
        var invited = await admin.SubmitAsync(await admin.GetAsync($"{Servers.WebUrl}/o/demo/members/invite"), "main form",
            new() { ["Email"] = email, ["DisplayName"] = name, ["DepartmentId"] = sales.ToString() });
        Assert.Contains("has been invited", invited.Text, StringComparison.Ordinal);
        var erika = await fixture.InTenantAsync("demo", db => db.Memberships.Where(m => m.Email == email).Select(m => m.Id).SingleAsync());

        // She manages the demo employee (escalations would go to her address).
        var employee = await fixture.InTenantAsync("demo", db => db.Memberships.Where(m => m.Email == "employee@demo.policyhub.test").Select(m => m.Id).SingleAsync());
        var edited = await admin.SubmitAsync(await admin.GetAsync($"{Servers.WebUrl}/o/demo/members/{employee}"), "#member-form", new() { ["ManagerEmail"] = email });
        Assert.Contains("have been saved", edited.Text, StringComparison.Ordinal);

        // She signs in and acknowledges a policy assigned to Sales, typing her name.
        using var her = LiveServers.NewBrowser();
        await Servers.SignInToWebAsync(her, email, LiveServersFixture.Password);
        var policyId = await fixture.PublishBlankPolicyAsync(hr, approver, "Guidelines to remember");
        await fixture.AssignToDepartmentAsync(hr, policyId, "Sales");
        var request = await fixture.InTenantAsync("demo", db => db.AcknowledgementRequests.Where(r => r.MembershipId == erika).Select(r => r.Id).SingleAsync());
        var receipt = await her.SubmitAsync(await her.GetAsync($"{Servers.WebUrl}/o/demo/requests/{request}"), "#acknowledge-form",
            new() { ["Confirmed"] = "true", ["TypedName"] = name });
        Assert.Equal(HttpStatusCode.OK, receipt.Status);
        var before = await fixture.InTenantAsync("demo", db => db.Acknowledgements.AsNoTracking().SingleAsync(a => a.MembershipId == erika));
        Assert.Equal((name, email, name), (before.DisplayName, before.Email, before.TypedName));
        Assert.True(Contains(await DatabaseBytesAsync(), "zzyzxqw"), "The test person should be in the database before the erasure.");

        // Not yet: she is still active, and without the confirmation nothing happens.
        var head = await HeadAsync();
        var page = await admin.GetAsync($"{Servers.WebUrl}/o/demo/members/{erika}/erase");
        Assert.Contains("Deactivate the person first", page.Text, StringComparison.Ordinal);
        Assert.Null(page.Find("#erase-form"));
        var token = await admin.AntiforgeryTokenAsync($"{Servers.WebUrl}/o/demo/members/{erika}/erase");
        using (var forced = await admin.SendAsync(HttpMethod.Post, $"{Servers.WebUrl}/o/demo/members/{erika}/erase", new() { ["__RequestVerificationToken"] = token, ["Confirm"] = "true" }))
        {
            Assert.Contains("Deactivate the person first", await forced.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        Assert.Equal(head, await HeadAsync());
        var edit = await admin.GetAsync($"{Servers.WebUrl}/o/demo/members/{erika}");
        await admin.SubmitAsync(edit, $"form[action='/o/demo/members/{erika}/deactivate']", []);
        head = await HeadAsync();
        var unconfirmed = await admin.SubmitAsync(await admin.GetAsync($"{Servers.WebUrl}/o/demo/members/{erika}/erase"), "#erase-form", []);
        Assert.Contains("Confirm that this person's personal data should be erased.", unconfirmed.ErrorMessages);
        Assert.Equal(head, await HeadAsync());

        var erased = await admin.SubmitAsync(await admin.GetAsync($"{Servers.WebUrl}/o/demo/members/{erika}/erase"), "#erase-form", new() { ["Confirm"] = "true" });
        Assert.Contains("The personal data has been erased. The person's 1 acknowledgements remain as evidence", erased.Text, StringComparison.Ordinal);

        // No byte of the database file (nor its write-ahead log) still spells her name or address.
        var bytes = await DatabaseBytesAsync();
        Assert.False(Contains(bytes, "zzyzxqw"), "Her name or the local part of her email is still in the database file.");
        Assert.False(Contains(bytes, email), "Her email is still in the database file.");

        // The evidence stays, under the pseudonym; the people she managed lose her address; the trail records it by id.
        var after = await fixture.InTenantAsync("demo", db => db.Acknowledgements.AsNoTracking().SingleAsync(a => a.MembershipId == erika));
        Assert.Equal((before.Id, before.PolicyVersionId, before.AcknowledgedAt, before.Statement), (after.Id, after.PolicyVersionId, after.AcknowledgedAt, after.Statement));
        Assert.Equal(before.ContentHash, after.ContentHash);
        Assert.Equal(("erased-" + erika.ToString("N")[20..], (string?)null, (string?)null), (after.DisplayName, after.IpAddress, after.UserAgent));
        var member = await fixture.InTenantAsync("demo", db => db.Memberships.AsNoTracking().SingleAsync(m => m.Id == erika));
        Assert.Equal((MembershipStatus.Deactivated, (string?)null, true), (member.Status, member.Subject, member.ErasedAt is not null));
        Assert.Null(await fixture.InTenantAsync("demo", db => db.Memberships.Where(m => m.Id == employee).Select(m => m.ManagerEmail).SingleAsync()));
        var events = await fixture.InTenantAsync("demo", db => db.AuditEvents.Where(e => e.EntityId == erika.ToString()).Select(e => e.Action).ToListAsync());
        Assert.Equal("member.erased", events[^1]);

        // Once erased, the record stays as it is.
        var erasedPage = await admin.GetAsync($"{Servers.WebUrl}/o/demo/members/{erika}");
        Assert.NotNull(erasedPage.Find("#erased-note"));
        Assert.Null(erasedPage.Find("#member-form"));
        var memberToken = await admin.AntiforgeryTokenAsync($"{Servers.WebUrl}/o/demo/members");
        using (await admin.SendAsync(HttpMethod.Post, $"{Servers.WebUrl}/o/demo/members/{erika}/reactivate", new() { ["__RequestVerificationToken"] = memberToken }))
        {
            var again = await admin.GetAsync($"{Servers.WebUrl}/o/demo/members/{erika}");
            Assert.Contains("can no longer be changed", again.Text, StringComparison.Ordinal);
        }

        Assert.Equal(MembershipStatus.Deactivated, await fixture.InTenantAsync("demo", db => db.Memberships.Where(m => m.Id == erika).Select(m => m.Status).SingleAsync()));

        // The whole chain still verifies.
        using var compliance = await fixture.DemoBrowserAsync("compliance");
        var exportToken = await compliance.AntiforgeryTokenAsync($"{Servers.WebUrl}/o/demo/audit");
        using var export = await compliance.SendAsync(HttpMethod.Post, $"{Servers.WebUrl}/o/demo/audit/export.jsonl", new() { ["__RequestVerificationToken"] = exportToken });
        var verdict = ExportVerifier.Verify(new StringReader(await export.Content.ReadAsStringAsync()));
        Assert.True(verdict.Ok, verdict.Message);
    }

    /// <summary>The Web database file and its write-ahead log, as bytes (read while the app has them open).</summary>
    private async Task<byte[]> DatabaseBytesAsync()
    {
        await using var scope = Servers.Web.Services.CreateAsyncScope();
        var path = scope.ServiceProvider.GetRequiredService<PolicyHubDbContext>().Database.GetDbConnection().DataSource;
        using var all = new MemoryStream();
        foreach (var file in new[] { path, path + "-wal" }.Where(File.Exists))
        {
            await using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            await stream.CopyToAsync(all);
        }

        return all.ToArray();
    }

    /// <summary>Whether the bytes contain the text in UTF-8, ignoring ASCII case.</summary>
    private static bool Contains(byte[] bytes, string text)
    {
        var lower = Encoding.UTF8.GetBytes(text.ToLowerInvariant());
        var upper = Encoding.UTF8.GetBytes(text.ToUpperInvariant());
        for (var i = 0; i + lower.Length <= bytes.Length; i++)
        {
            var j = 0;
            while (j < lower.Length && (bytes[i + j] == lower[j] || bytes[i + j] == upper[j]))
            {
                j++;
            }

            if (j == lower.Length)
            {
                return true;
            }
        }

        return false;
    }

    private Task<long> HeadAsync() => fixture.InTenantAsync("demo", db => db.AuditChainHeads.Select(h => h.LastSequence).SingleAsync());
}
