using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using PolicyHub.Core.Tenancy;
using PolicyHub.Verify;

namespace PolicyHub.IntegrationTests;

/// <summary>
/// The export API: a machine client of the auth service (client credentials, real token over HTTP) that an
/// administrator of Demo GmbH allowed on the API access page reads the trail and evidence; everyone else is refused.
/// </summary>
public sealed class ApiTests(LiveServersFixture fixture) : IClassFixture<LiveServersFixture>
{
    private LiveServers Servers => fixture.Servers;

    private string Api => $"{Servers.WebUrl}/api/v1/organisations/demo";

    [Fact]
    public async Task AllowedClient_ExportsTrailAndEvidence_EachRecordedUnderTheClient()
    {
        var clientRowId = await AllowMachineClientAsync();
        using var http = await MachineClientAsync();

        var organisation = JsonDocument.Parse(await http.GetStringAsync(Api)).RootElement;
        Assert.Equal("demo", organisation.GetProperty("slug").GetString());
        Assert.Equal(LiveServers.MachineClientId, organisation.GetProperty("client").GetString());

        using (var answer = await http.GetAsync(Api))
        {
            Assert.True(answer.Headers.CacheControl?.NoStore == true, $"API answer: Cache-Control is '{answer.Headers.CacheControl}'");
        }

        using var jsonl = await http.PostAsync($"{Api}/audit-trail/export.jsonl", null);
        Assert.Equal(HttpStatusCode.OK, jsonl.StatusCode);
        Assert.True(jsonl.Headers.CacheControl?.NoStore == true, "API export: no-store");
        Assert.Equal("application/x-ndjson", jsonl.Content.Headers.ContentType!.MediaType);
        var keys = await new HttpClient().GetStringAsync($"{Servers.WebUrl}/.well-known/policyhub-audit-keys.json");
        var verdict = ExportVerifier.Verify(new StringReader(await jsonl.Content.ReadAsStringAsync()), new StringReader(keys));
        Assert.True(verdict.Ok, verdict.Message);

        using var csv = await http.PostAsync($"{Api}/audit-trail/export.csv?type=api_client.allowed", null);
        Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
        var rows = Rfc4180.Parse(await csv.Content.ReadAsByteArrayAsync());
        Assert.Contains(rows.Skip(1), r => r.Contains("api_client.allowed"));

        var versions = JsonDocument.Parse(await http.GetStringAsync($"{Api}/policy-versions")).RootElement;
        Assert.Equal(JsonValueKind.Array, versions.ValueKind);
        var version = await fixture.InTenantAsync("demo", db => db.PolicyVersions.Where(v => v.PublishedAt != null).Select(v => (Guid?)v.Id).FirstOrDefaultAsync());
        if (version is { } id)
        {
            using var evidence = await http.PostAsync($"{Api}/policy-versions/{id}/evidence.csv", null);
            Assert.Equal(HttpStatusCode.OK, evidence.StatusCode);
            Assert.StartsWith("person_id,name,email", await evidence.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        using var person = await http.PostAsync($"{Api}/people/evidence.csv?person=employee@demo.policyhub.test", null);
        Assert.Equal(HttpStatusCode.OK, person.StatusCode);

        // Every export is in the trail, by the client's pseudonym — not by any person.
        var actor = ApiClient.ActorPrefix + clientRowId;
        var recorded = await fixture.InTenantAsync("demo", db => db.AuditEvents.Where(e => e.Actor == actor).Select(e => e.Action).ToListAsync());
        Assert.Equal(2, recorded.Count(a => a == "audit.exported"));
        Assert.Contains("evidence.exported", recorded);
    }

    [Fact]
    public async Task WithoutAValidClientToken_TheApiRefuses_AndCookiesDoNotCount()
    {
        await AllowMachineClientAsync();
        using var anonymous = new HttpClient();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync(Api)).StatusCode);

        using var forged = new HttpClient();
        forged.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "eyJhbGciOiJub25lIn0.eyJzdWIiOiJ0ZXN0LW1hY2hpbmUifQ.");
        Assert.Equal(HttpStatusCode.Unauthorized, (await forged.GetAsync(Api)).StatusCode);

        // A token of the right client but without the API scope is not issued for the API (no audience).
        using var unscoped = await MachineClientAsync(scope: null);
        Assert.Equal(HttpStatusCode.Unauthorized, (await unscoped.GetAsync(Api)).StatusCode);

        // A compliance officer's browser session is no credential for the API (so no cross-site request can use it).
        using var officer = await fixture.DemoBrowserAsync("compliance");
        var before = await HeadAsync();
        using var viaCookie = await officer.SendAsync(HttpMethod.Post, $"{Api}/audit-trail/export.csv");
        Assert.Equal(HttpStatusCode.Unauthorized, viaCookie.StatusCode);
        Assert.Equal(before, await HeadAsync());
    }

    [Fact]
    public async Task OtherOrganisations_AndTheirIds_AnswerNotFound_AndRevokedClientsLoseAccess()
    {
        var clientRowId = await AllowMachineClientAsync();
        using var http = await MachineClientAsync();
        var (slugB, adminB) = await fixture.CreateOrganisationAsync();
        adminB.Dispose();
        var versionB = await fixture.InTenantAsync(slugB, async db =>
        {
            var owner = await db.Memberships.FirstAsync();
            var policy = new PolicyHub.Core.Policies.Policy { Title = "B only", Category = "Rules", OwnerId = owner.Id };
            var version = new PolicyHub.Core.Policies.PolicyVersion
            {
                PolicyId = policy.Id, Number = 1, Markdown = "# B", Html = "<h1>B</h1>", AuthorId = owner.Id, Status = PolicyHub.Core.Policies.PolicyVersionStatus.Published,
                ContentHash = PolicyHub.Core.Policies.ContentHash.Compute("# B"), PublishedAt = DateTime.UtcNow,
            };
            db.AddRange(policy, version);
            await db.SaveChangesAsync();
            return (Version: version.Id, Member: owner.Id);
        });

        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync($"{Servers.WebUrl}/api/v1/organisations/{slugB}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await http.PostAsync($"{Servers.WebUrl}/api/v1/organisations/{slugB}/audit-trail/export.jsonl", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync($"{Servers.WebUrl}/api/v1/organisations/no-such-organisation")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await http.PostAsync($"{Api}/policy-versions/{versionB.Version}/evidence.csv", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await http.PostAsync($"{Api}/people/evidence.csv?person={versionB.Member}", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await http.PostAsync($"{Api}/audit-trail/export.csv?person={versionB.Member}", null)).StatusCode);

        // Withdrawn on the API access page: the same token is refused from then on.
        using var admin = await fixture.DemoBrowserAsync("admin");
        var page = await admin.GetAsync($"{Servers.WebUrl}/o/demo/api-clients");
        var revoked = await admin.SubmitAsync(page, $"form[action$='/{clientRowId}/revoke']", []);
        Assert.Contains("no longer has access", revoked.Text, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync(Api)).StatusCode);
        Assert.Contains("api_client.revoked", await fixture.InTenantAsync("demo", db => db.AuditEvents.Select(e => e.Action).ToListAsync()));
    }

    [Fact]
    public async Task BadFilters_GetALocalizedProblem_AndWriteNothing()
    {
        await AllowMachineClientAsync();
        using var http = await MachineClientAsync();
        http.DefaultRequestHeaders.AcceptLanguage.ParseAdd("de");
        var before = await HeadAsync();

        using var backwards = await http.PostAsync($"{Api}/audit-trail/export.csv?from=2026-03-01&to=2026-02-01", null);
        Assert.Equal(HttpStatusCode.BadRequest, backwards.StatusCode);
        Assert.Equal("application/problem+json", backwards.Content.Headers.ContentType!.MediaType);
        var problem = await backwards.Content.ReadAsStringAsync();
        Assert.Contains("Das Enddatum darf nicht vor dem Anfangsdatum liegen.", problem, StringComparison.Ordinal);

        using var unknownType = await http.PostAsync($"{Api}/audit-trail/export.jsonl?type=nonsense", null);
        Assert.Equal(HttpStatusCode.BadRequest, unknownType.StatusCode);

        using var notADate = await http.PostAsync($"{Api}/audit-trail/export.jsonl?from=yesterday", null);
        Assert.Equal(HttpStatusCode.BadRequest, notADate.StatusCode);

        using var nobody = await http.PostAsync($"{Api}/people/evidence.csv?person=nobody@example.test", null);
        Assert.Equal(HttpStatusCode.NotFound, nobody.StatusCode);
        Assert.Contains("In dieser Organisation gibt es niemanden mit dieser E-Mail-Adresse.", await nobody.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        Assert.Equal(before, await HeadAsync());
    }

    [Fact]
    public async Task ApiAccessPage_RefusesBadOrTakenClientIds_AndWritesNothing()
    {
        await AllowMachineClientAsync();
        using var admin = await fixture.DemoBrowserAsync("admin", "de");
        var before = await HeadAsync();
        var page = await admin.GetAsync($"{Servers.WebUrl}/o/demo/api-clients");

        var empty = await admin.SubmitAsync(page, "form[action='/o/demo/api-clients']", new() { ["ClientId"] = " ", ["Name"] = "" });
        Assert.True(empty.ErrorMessages.Count > 0, empty.Url + " " + empty.Status + " " + empty.Text[..Math.Min(2000, empty.Text.Length)]);
        Assert.Contains("Geben Sie die Client-ID ein, die der Anmeldedienst vergeben hat.", empty.ErrorMessages);
        Assert.Contains("Bitte geben Sie einen Namen ein.", empty.ErrorMessages);

        var spaces = await admin.SubmitAsync(page, "form[action='/o/demo/api-clients']", new() { ["ClientId"] = "two words", ["Name"] = "Archive" });
        Assert.Contains("Eine Client-ID besteht nur aus Buchstaben, Ziffern, Punkten, Binde- und Unterstrichen und Doppelpunkten.", spaces.ErrorMessages);

        var taken = await admin.SubmitAsync(page, "form[action='/o/demo/api-clients']", new() { ["ClientId"] = LiveServers.MachineClientId, ["Name"] = "Again" });
        Assert.Single(taken.ErrorMessages, m => m.StartsWith("Dieser Client hat bereits Zugriff", StringComparison.Ordinal));

        foreach (var own in new[] { LiveServers.WebClientId, LiveServers.WebClientId.ToUpperInvariant() })
        {
            var web = await admin.SubmitAsync(page, "form[action='/o/demo/api-clients']", new() { ["ClientId"] = own, ["Name"] = "Claimed" });
            Assert.Contains("Dies ist der eigene Anmelde-Client von PolicyHub; er kann nie API-Zugriff erhalten. Bitten Sie den Betreiber des Anmeldedienstes um einen Maschinen-Client.", web.ErrorMessages);
        }

        // Only clients the auth service knows as machine clients: not a sign-in client, not an id it has never issued.
        var interactive = await admin.SubmitAsync(page, "form[action='/o/demo/api-clients']", new() { ["ClientId"] = LiveServers.ForeignClientId, ["Name"] = "Claimed" });
        Assert.Contains("Dieser Client meldet Personen an; API-Zugriff kann nur ein Maschinen-Client erhalten (Client Credentials, keine Weiterleitungsadressen).", interactive.ErrorMessages);
        var unknown = await admin.SubmitAsync(page, "form[action='/o/demo/api-clients']", new() { ["ClientId"] = "never-issued", ["Name"] = "Claimed" });
        Assert.Contains("Der Anmeldedienst kennt keinen Client mit dieser ID. Prüfen Sie die Schreibweise (Groß- und Kleinschreibung zählt) oder bitten Sie dessen Betreiber um einen Maschinen-Client.", unknown.ErrorMessages);

        Assert.Equal(before, await HeadAsync());
        Assert.Equal(1, await fixture.InTenantAsync("demo", db => db.ApiClients.CountAsync(c => c.ClientId == LiveServers.MachineClientId && c.RevokedAt == null)));
        Assert.Equal(0, await fixture.InTenantAsync("demo", db => db.ApiClients.CountAsync(c => c.ClientId == LiveServers.ForeignClientId || c.ClientId == "never-issued")));
    }

    [Fact]
    public async Task ClientDirectory_AnswersOnlyPolicyHubsOwnClient_WithItsSecret()
    {
        var webSecret = Servers.Web.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<PolicyHub.Web.Extensions.OidcSettings>>().Value.ClientSecret!;
        var url = $"{Servers.IdentityUrl}/clients/{LiveServers.MachineClientId}";

        async Task<HttpResponseMessage> AskAsync(string? id, string? secret, string target = "")
        {
            using var http = new HttpClient();
            using var request = new HttpRequestMessage(HttpMethod.Get, target.Length > 0 ? target : url);
            if (id is not null)
            {
                request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes($"{id}:{secret}")));
            }

            return await http.SendAsync(request);
        }

        using (var anonymous = await AskAsync(null, null))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
            Assert.StartsWith("Basic", anonymous.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
        }

        using (var wrongSecret = await AskAsync(LiveServers.WebClientId, "not-the-secret"))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, wrongSecret.StatusCode);
        }

        using (var machine = await AskAsync(LiveServers.MachineClientId, Servers.MachineSecret))
        {
            // A machine client may not look around the directory.
            Assert.Equal(HttpStatusCode.Forbidden, machine.StatusCode);
        }

        using (var found = await AskAsync(LiveServers.WebClientId, webSecret))
        {
            Assert.Equal(HttpStatusCode.OK, found.StatusCode);
            Assert.Equal("no-store", found.Headers.CacheControl?.ToString());
            var entry = JsonDocument.Parse(await found.Content.ReadAsStringAsync()).RootElement;
            Assert.Equal(LiveServers.MachineClientId, entry.GetProperty("client_id").GetString());
            Assert.True(entry.GetProperty("machine").GetBoolean());
        }

        foreach (var signIn in new[] { LiveServers.ForeignClientId, LiveServers.WebClientId })
        {
            using var interactive = await AskAsync(LiveServers.WebClientId, webSecret, $"{Servers.IdentityUrl}/clients/{signIn}");
            Assert.False(JsonDocument.Parse(await interactive.Content.ReadAsStringAsync()).RootElement.GetProperty("machine").GetBoolean(), signIn);
        }

        using var missing = await AskAsync(LiveServers.WebClientId, webSecret, $"{Servers.IdentityUrl}/clients/never-issued");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    /// <summary>Allows the test machine client for Demo GmbH through the API access page (once per class); returns the row's id.</summary>
    private async Task<Guid> AllowMachineClientAsync()
    {
        var existing = await fixture.InTenantAsync("demo", db => db.ApiClients.Where(c => c.ClientId == LiveServers.MachineClientId && c.RevokedAt == null).Select(c => (Guid?)c.Id).SingleOrDefaultAsync());
        if (existing is { } id)
        {
            return id;
        }

        using var admin = await fixture.DemoBrowserAsync("admin");
        var page = await admin.GetAsync($"{Servers.WebUrl}/o/demo/api-clients");
        var done = await admin.SubmitAsync(page, "form[action='/o/demo/api-clients']", new() { ["ClientId"] = LiveServers.MachineClientId, ["Name"] = "Test archive" });
        Assert.True(done.Text.Contains("can now use the API", StringComparison.Ordinal), string.Join(" / ", done.ErrorMessages));
        return await fixture.InTenantAsync("demo", db => db.ApiClients.Where(c => c.ClientId == LiveServers.MachineClientId && c.RevokedAt == null).Select(c => c.Id).SingleAsync());
    }

    /// <summary>An HTTP client carrying a client-credentials token of the test machine client, from the auth service.</summary>
    private async Task<HttpClient> MachineClientAsync(string? scope = "policyhub_api")
    {
        using var identity = new HttpClient();
        var fields = new Dictionary<string, string> { ["grant_type"] = "client_credentials", ["client_id"] = LiveServers.MachineClientId, ["client_secret"] = Servers.MachineSecret };
        if (scope is not null)
        {
            fields["scope"] = scope;
        }

        using var response = await identity.PostAsync($"{Servers.IdentityUrl}/connect/token", new FormUrlEncodedContent(fields));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var token = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("access_token").GetString();
        var http = new HttpClient();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return http;
    }

    private Task<long> HeadAsync() => fixture.InTenantAsync("demo", db => db.AuditChainHeads.Select(h => h.LastSequence).SingleAsync());
}
