using PolicyHub.Core.Acknowledgements;
using PolicyHub.Core.Policies;
using PolicyHub.Core.Tenancy;

namespace PolicyHub.IntegrationTests;

/// <summary>
/// The cross-tenant matrix: every endpoint under /o/{slug}, called by an administrator of organisation A with
/// every entity id of organisation B, answers 404; called on B's slug (where they are not a member) it answers
/// 403; and not one row of B changes. Endpoints and entity types are enumerated, not listed.
/// </summary>
public sealed class CrossTenantTests(LiveServersFixture fixture) : IClassFixture<LiveServersFixture>
{
    private LiveServers Servers => fixture.Servers;

    [Fact]
    public async Task EveryTenantEndpoint_AnotherOrganisationsIds_AnswerNotFoundOrForbiddenAndChangeNothing()
    {
        const string slugA = "demo";
        using var adminA = await fixture.DemoBrowserAsync("admin");
        var slugB = await CreateOrganisationBAsync();

        var idsB = await fixture.InTenantAsync(slugB, TenantEndpoints.OneIdPerTypeAsync);
        var snapshotBefore = await fixture.InTenantAsync(slugB, TenantEndpoints.SnapshotAsync);
        // Coverage: every tenant-owned table has rows in B, so a new entity cannot slip past this test unseeded.
        Assert.All(snapshotBefore, table => Assert.True(table.Value.Count > 0, $"Organisation B has no {table.Key} row: seed one in CreateOrganisationBAsync."));
        Assert.Contains(nameof(Membership), idsB.Keys);
        Assert.Contains(nameof(Department), idsB.Keys);
        Assert.Contains(nameof(Location), idsB.Keys);

        var endpoints = TenantEndpoints.All(Servers.Web.Services);
        Assert.True(endpoints.Count >= 15, $"Only {endpoints.Count} tenant endpoints were found: is the enumeration broken?");
        var token = await adminA.AntiforgeryTokenAsync($"{Servers.WebUrl}/o/{slugA}");
        var failures = new List<string>();
        foreach (var endpoint in endpoints)
        {
            var method = new HttpMethod(endpoint.Method);
            var form = method == HttpMethod.Post ? Form(token) : null;
            if (TenantEndpoints.TakesAnId(endpoint))
            {
                foreach (var (type, id) in idsB)
                {
                    foreach (var url in TenantEndpoints.Urls(endpoint, Servers.WebUrl, slugA, id))
                    {
                        using var response = await adminA.SendAsync(method, url, form);
                        if (response.StatusCode != HttpStatusCode.NotFound)
                        {
                            failures.Add($"{endpoint.Method} {url} with B's {type} id answered {(int)response.StatusCode}, expected 404");
                        }
                    }
                }
            }

            foreach (var url in TenantEndpoints.Urls(endpoint, Servers.WebUrl, slugB, idsB.Values.First()))
            {
                using var response = await adminA.SendAsync(method, url, form);
                if (response.StatusCode != HttpStatusCode.Forbidden)
                {
                    failures.Add($"{endpoint.Method} {url} on B's slug answered {(int)response.StatusCode}, expected 403");
                }
            }
        }

        // Ids in the query string are checked the same way: another organisation's version is not found.
        var versionB = await fixture.InTenantAsync(slugB, db => db.PolicyVersions.Select(v => v.Id).FirstAsync());
        using (var report = await adminA.SendAsync(HttpMethod.Get, $"{Servers.WebUrl}/o/{slugA}/compliance/outstanding?version={versionB}"))
        {
            if (report.StatusCode != HttpStatusCode.NotFound)
            {
                failures.Add($"The compliance report with B's version id answered {(int)report.StatusCode}, expected 404");
            }
        }

        Assert.True(failures.Count == 0, string.Join('\n', failures));
        var snapshotAfter = await fixture.InTenantAsync(slugB, TenantEndpoints.SnapshotAsync);
        Assert.Equal(snapshotBefore, snapshotAfter);
    }

    [Fact]
    public async Task UnknownOrganisation_AnswersNotFound()
    {
        using var admin = await fixture.DemoBrowserAsync("admin");

        using var response = await admin.SendAsync(HttpMethod.Get, $"{Servers.WebUrl}/o/no-such-organisation/members");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    /// <summary>B: created through the pages by another person, with a department, a location and an invited member.</summary>
    private async Task<string> CreateOrganisationBAsync()
    {
        var (slug, browser) = await fixture.CreateOrganisationAsync();
        using var _ = browser;
        foreach (var kind in new[] { "departments", "locations" })
        {
            var page = await browser.GetAsync($"{Servers.WebUrl}/o/{slug}/{kind}");
            var added = await browser.SubmitAsync(page, $"form[action='/o/{slug}/{kind}']", new() { ["Name"] = "Secret " + kind });
            Assert.Equal(HttpStatusCode.OK, added.Status);
        }

        var invite = await browser.GetAsync($"{Servers.WebUrl}/o/{slug}/members/invite");
        var invited = await browser.SubmitAsync(invite, "main form", new() { ["Email"] = $"b-{Guid.NewGuid():N}@example.test", ["DisplayName"] = "B Person" });
        Assert.Contains("has been invited", invited.Text, StringComparison.Ordinal);

        // A policy with an assignment, a request, an acknowledgement and a reminder digest, written directly (B has nobody to click through them).
        await fixture.InTenantAsync(slug, async db =>
        {
            var owner = await db.Memberships.FirstAsync();
            var policy = new Policy { Title = "Secret guidelines", Category = "Social media", OwnerId = owner.Id };
            var version = new PolicyVersion
            {
                PolicyId = policy.Id, Number = 1, Markdown = "# Secret", AuthorId = owner.Id, Status = PolicyVersionStatus.Published,
                Html = "<h1>Secret</h1>", ContentHash = ContentHash.Compute("# Secret"), PublishedAt = DateTime.UtcNow,
            };
            db.AddRange(policy, version);
            db.Add(new PolicyTranslation { PolicyVersionId = version.Id, Language = "de", Markdown = "# Geheim", Html = "<h1>Geheim</h1>", ContentHash = ContentHash.Compute("# Geheim") });
            db.Add(new PolicyHub.Core.Templates.OrganisationTemplate { Title = "Secret template", Body = "# {{ company_name }}" });
            db.Add(new ReviewComment { PolicyVersionId = version.Id, AuthorId = owner.Id, Kind = ReviewCommentKind.Approved, Text = "Secret remark", CreatedAt = DateTime.UtcNow });
            db.Add(new PolicyReviewer { PolicyId = policy.Id, MembershipId = owner.Id });
            db.Add(new ComprehensionQuestion { PolicyVersionId = version.Id, Position = 1, Text = "Secret question?", Options = ["Yes", "No"], CorrectOption = 1, CreatedAt = DateTime.UtcNow });
            db.Add(new ComprehensionResult { MembershipId = owner.Id, PolicyVersionId = version.Id, Attempts = 2, PassedAt = DateTime.UtcNow, UpdatedAt = DateTime.UtcNow });
            var assignment = new Assignment { PolicyId = policy.Id, PolicyVersionId = version.Id, DueAt = DateTime.UtcNow.AddDays(30), CreatedBy = owner.Id };
            assignment.Targets.Add(new AssignmentTarget { Kind = AssignmentTargetKind.Member, TargetId = owner.Id });
            db.Add(assignment);
            var request = new AcknowledgementRequest { AssignmentId = assignment.Id, PolicyVersionId = version.Id, MembershipId = owner.Id, DueAt = assignment.DueAt, Status = RequestStatus.Acknowledged };
            var acknowledgement = new Acknowledgement
            {
                RequestId = request.Id, MembershipId = owner.Id, PolicyId = policy.Id, PolicyVersionId = version.Id, VersionNumber = 1, ContentHash = version.ContentHash,
                Statement = "I have read it.", Language = "en", AcknowledgedAt = DateTime.UtcNow, Subject = owner.Subject ?? "b", DisplayName = owner.DisplayName, Email = owner.Email,
            };
            request.AcknowledgementId = acknowledgement.Id;
            db.AddRange(request, acknowledgement);
            db.Add(new PolicyHub.Core.Audit.AuditCheckpoint { Sequence = 1, Hash = new byte[32], KeyId = "test", Signature = new byte[64], SignedAt = DateTime.UtcNow });
            db.Add(new ReminderDigest { Recipient = owner.Id.ToString(), Day = DateTime.UtcNow.Date, SentAt = DateTime.UtcNow, Requests = 1 });
            db.Add(new ApiClient { ClientId = $"b-archive-{Guid.NewGuid():N}", Name = "B archive", CreatedAt = DateTime.UtcNow, CreatedBy = owner.Id });
            return await db.SaveChangesAsync();
        });
        return slug;
    }

    private static Dictionary<string, string> Form(string token) => new()
    {
        ["__RequestVerificationToken"] = token,
        ["Name"] = "Changed",
        ["DisplayName"] = "Changed",
        ["Email"] = $"x-{Guid.NewGuid():N}@example.test",
        ["Roles"] = "Administrator",
        ["DefaultCulture"] = "en",
    };
}
