using System.Text.Json;
using System.Text.RegularExpressions;
using FluentValidation;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using PolicyHub.Data.Identity;
using PolicyHub.Web.Features.OrgUnits;
using static PolicyHub.IntegrationTests.HostileInputs;

namespace PolicyHub.IntegrationTests;

/// <summary>
/// The hostile-input matrix: every form and query field of every MVC endpoint of both services (enumerated, not
/// listed), sent field by field with NUL, 5 MB, invalid UTF-8, U+202E, zero-width-only text, 200-level nesting
/// (Markdown quotes and lists, Liquid parentheses and ifs) in parsed fields, out-of-range dates and numbers; the
/// other fields of the form carry valid values where the field's name is known. Every answer is below 500, both
/// processes are alive afterwards and no row of either database changed.
/// </summary>
public sealed partial class HostileInputMatrixTests : IAsyncLifetime
{
    private readonly LiveServersFixture _fixture = new();

    private LiveServers Servers => _fixture.Servers;

    public Task InitializeAsync() => _fixture.InitializeAsync(o =>
    {
        // No background round may write while the databases are compared.
        o.Web["Campaigns:SyncInterval"] = "1.00:00:00";
        o.Web["Reminders:Interval"] = "1.00:00:00";
        o.Web["Checkpoints:Interval"] = "1.00:00:00";
    });

    public Task DisposeAsync() => _fixture.DisposeAsync();

    [Fact]
    public async Task EveryFieldOfEveryEndpoint_HostileValues_NeverAnswer5xx_AndWriteNothing()
    {
        var world = await SeedAsync();
        var web = All(Servers.Web.Services);
        var identity = All(Servers.Identity.Services);
        Assert.True(web.Count >= 30, $"Only {web.Count} Web endpoints with fields were found: is the enumeration broken?");
        Assert.True(identity.Count >= 12, $"Only {identity.Count} auth-service endpoints with fields were found: is the enumeration broken?");
        // The authenticator page creates the account's key on its first visit (as ASP.NET Core Identity's own pages do);
        // visited once here, so that a later refused post is not mistaken for that first write.
        Assert.Equal(HttpStatusCode.OK, (await world.Admin.GetAsync($"{Servers.IdentityUrl}/manage/authenticator")).Status);
        var before = await SnapshotAsync();

        // The API (/api/v1) answers a machine client's bearer token, not the administrator's cookie.
        Assert.Contains(web, e => e.Pattern.StartsWith("/api/", StringComparison.Ordinal));
        using var machine = await MachineClientAsync();
        using (var reached = await machine.GetAsync($"{Servers.WebUrl}/api/v1/organisations/demo"))
        {
            Assert.Equal(HttpStatusCode.OK, reached.StatusCode);
        }

        var failures = new List<string>();
        failures.AddRange(await RunAsync(world.Admin, Servers.WebUrl, await world.Admin.AntiforgeryTokenAsync($"{Servers.WebUrl}/o/demo"), web, world, machine));
        // The auth service's own endpoints last: hostile sign-out parameters may end its session, never the Web one's.
        var identityToken = await world.Admin.AntiforgeryTokenAsync($"{Servers.IdentityUrl}/manage");
        failures.AddRange(await RunAsync(world.Admin, Servers.IdentityUrl, identityToken, identity.OrderBy(e => e.Pattern.StartsWith("/connect", StringComparison.Ordinal)).ToList(), world));

        Assert.True(failures.Count == 0, $"{failures.Count} hostile requests were not answered well:\n{string.Join('\n', failures.Take(80))}");
        foreach (var url in new[] { Servers.WebUrl, Servers.IdentityUrl })
        {
            using var live = await new HttpClient().GetAsync($"{url}/health/live");
            Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        }

        var after = await SnapshotAsync();
        Assert.Equal(before.Web.Keys, after.Web.Keys);
        var changed = before.Web.Where(t => !t.Value.SequenceEqual(after.Web[t.Key]))
            .Select(t => $"{t.Key} changed:\n- {string.Join("\n- ", t.Value.Except(after.Web[t.Key]))}\n+ {string.Join("\n+ ", after.Web[t.Key].Except(t.Value))}").ToList();
        Assert.True(changed.Count == 0, string.Join('\n', changed));

        Assert.True(before.Identity.SequenceEqual(after.Identity),
            $"Accounts changed:\n- {string.Join("\n- ", before.Identity.Except(after.Identity))}\n+ {string.Join("\n+ ", after.Identity.Except(before.Identity))}");
    }

    [Fact]
    public async Task Matrix_WithTheDepartmentValidatorRemoved_FindsTheBadWrite()
    {
        // The same matrix against a Web app whose department/location form has lost its validator: it must notice.
        await using var broken = LiveServers.Start(o =>
        {
            o.SeedDemoAccounts = true;
            o.WebServices = services => services.RemoveAll<IValidator<OrgUnitModel>>();
        });
        using var admin = LiveServers.NewBrowser();
        await broken.SignInToWebAsync(admin, "admin@demo.policyhub.test", PolicyHub.Demo.DemoPeople.Password);
        var units = All(broken.Web.Services).Where(e => e.Method == "POST" && e.Pattern.EndsWith("/{kind:regex(^(departments|locations)$)}", StringComparison.Ordinal)).ToList();
        Assert.Single(units);
        var before = await broken.InTenantAsync("demo", db => db.Departments.CountAsync());

        var failures = await RunAsync(admin, broken.WebUrl, await admin.AntiforgeryTokenAsync($"{broken.WebUrl}/o/demo"), units, new World(admin, new Dictionary<string, Guid>(), new Dictionary<string, string>()));

        Assert.Empty(failures); // no 5xx: the matrix's other check is the database
        Assert.True(await broken.InTenantAsync("demo", db => db.Departments.CountAsync()) > before, "Without its validator the form stores a zero-width or direction-override name; the matrix's database check would fail.");
    }

    private sealed record World(TestBrowser Admin, IReadOnlyDictionary<string, Guid> Ids, IReadOnlyDictionary<string, string> Baseline);

    private static async Task<List<string>> RunAsync(TestBrowser browser, string baseUrl, string token, IReadOnlyList<Endpoint> endpoints, World world, HttpClient? api = null)
    {
        var failures = new List<string>();
        var unique = 0;
        foreach (var endpoint in endpoints)
        {
            var url = baseUrl + Fill(endpoint.Pattern, world.Ids);
            foreach (var field in endpoint.Fields)
            {
                foreach (var value in For(field.Kind, field.FromQuery))
                {
                    unique++;
                    var pairs = endpoint.Fields.Where(f => f != field && field.Kind != FieldKind.ReturnUrl)
                        .Select(f => world.Baseline.TryGetValue(f.Name, out var v) ? new KeyValuePair<string, string>(f.Name, Encode(v.Replace("{n}", unique.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal))) : default)
                        .Where(p => p.Key is not null)
                        .Append(new(field.Name, value.Encoded))
                        .ToList();
                    var isApi = endpoint.Pattern.StartsWith("/api/", StringComparison.Ordinal);
                    using var request = Request(endpoint, url, field, pairs, token);
                    try
                    {
                        using var response = await (isApi && api is not null ? api : browser.Http).SendAsync(request);
                        if ((int)response.StatusCode >= 500)
                        {
                            failures.Add($"{endpoint} {field.Name} = {value.Name}: {(int)response.StatusCode}");
                        }
                        else if (isApi && api is not null && response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
                        {
                            // The hostile value must reach the action, not stop at authentication or the organisation check.
                            failures.Add($"{endpoint} {field.Name} = {value.Name}: {(int)response.StatusCode} (did the token reach the API?)");
                        }
                    }
                    catch (HttpRequestException e)
                    {
                        failures.Add($"{endpoint} {field.Name} = {value.Name}: {e.Message}");
                    }
                }
            }
        }

        return failures;
    }

    private static HttpRequestMessage Request(Endpoint endpoint, string url, Field field, List<KeyValuePair<string, string>> pairs, string token)
    {
        var query = pairs.Where(p => endpoint.Fields.First(f => f.Name == p.Key).FromQuery).ToList();
        var form = pairs.Except(query).ToList();
        var target = query.Count == 0 ? url : $"{url}{(url.Contains('?', StringComparison.Ordinal) ? '&' : '?')}{Join(query)}";
        var request = new HttpRequestMessage(new HttpMethod(endpoint.Method), target);
        if (endpoint.Method != "GET")
        {
            form.Add(new("__RequestVerificationToken", Encode(token)));
            request.Content = Body(form);
            // A large body waits for the server's go-ahead, so a 413 arrives before megabytes are sent.
            request.Headers.ExpectContinue = !field.FromQuery;
        }

        return request;
    }

    /// <summary>Fills a route pattern with ids that reach the action (the demo organisation's own rows).</summary>
    private static string Fill(string pattern, IReadOnlyDictionary<string, Guid> ids)
        => Parameter().Replace(pattern, m =>
        {
            var before = pattern[..m.Index].TrimEnd('/');
            var segment = before[(before.LastIndexOf('/') + 1)..];
            return m.Groups[1].Value switch
            {
                "slug" or "organisation" => "demo",
                "kind" => "departments",
                "version" => "1",
                "template" => "social-media-guidelines",
                "language" => "en",
                "sequence" => "1",
                "format" => "csv",
                "code" or "statusCode" => "400",
                "membershipId" => Guid.NewGuid().ToString(),
                "id" when segment.StartsWith("{kind", StringComparison.Ordinal) => ids["departments"].ToString(),
                "id" when ids.TryGetValue(pattern.Contains("/versions/{version", StringComparison.Ordinal) && segment == "policies" ? "draft-policies" : segment, out var id) => id.ToString(),
                "id" => Guid.NewGuid().ToString(),
                var other => throw new InvalidOperationException($"The matrix does not know how to fill {{{other}}} in {pattern}."),
            };
        });

    /// <summary>A published, assigned policy (the administrator among those asked), a draft, a template, a department and a client.</summary>
    private async Task<World> SeedAsync()
    {
        var admin = await _fixture.DemoBrowserAsync("admin");
        using var hr = await _fixture.DemoBrowserAsync("hr");
        using var approver = await _fixture.DemoBrowserAsync("approver");
        var published = await _fixture.PublishBlankPolicyAsync(hr, approver, "Matrix policy");
        var assign = await hr.SubmitAsync(await hr.GetAsync($"{Servers.WebUrl}/o/demo/policies/{published}/assign"), "#assign-form",
            new() { ["Everyone"] = "true", ["DueDate"] = DateTime.UtcNow.AddDays(30).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) });
        Assert.Contains("people are asked to acknowledge it.", assign.Text, StringComparison.Ordinal);
        var draft = await hr.SubmitAsync(await hr.GetAsync($"{Servers.WebUrl}/o/demo/policies/new/blank/en"), "main form", new() { ["Title"] = "Matrix draft", ["Category"] = "Tests" });
        var template = await hr.SubmitAsync(await hr.GetAsync($"{Servers.WebUrl}/o/demo/templates/new"), "#template-form", new() { ["Title"] = "Matrix template", ["Body"] = "# {{ company_name }}" });
        Assert.Empty(template.ErrorMessages);

        // The test machine client may use Demo GmbH's API, so the API endpoints are reached with a real token.
        var apiAccess = await admin.SubmitAsync(await admin.GetAsync($"{Servers.WebUrl}/o/demo/api-clients"), "form[action='/o/demo/api-clients']",
            new() { ["ClientId"] = LiveServers.MachineClientId, ["Name"] = "Matrix archive" });
        Assert.Empty(apiAccess.ErrorMessages);

        var ids = await _fixture.InTenantAsync("demo", async db => new Dictionary<string, Guid>
        {
            ["policies"] = published,
            ["draft-policies"] = Guid.Parse(draft.Url.Split("/policies/")[1].Split('/')[0]),
            ["assign"] = published,
            ["assignments"] = await db.Assignments.Where(a => a.PolicyId == published).Select(a => a.Id).SingleAsync(),
            ["requests"] = await db.AcknowledgementRequests.Where(r => db.Memberships.Any(m => m.Id == r.MembershipId && m.Email == "admin@demo.policyhub.test")).Select(r => r.Id).FirstAsync(),
            ["members"] = await db.Memberships.Where(m => m.Email == "ben.schwarz@demo.policyhub.test").Select(m => m.Id).SingleAsync(),
            ["departments"] = await db.Departments.Select(d => d.Id).FirstAsync(),
            ["templates"] = await db.OrganisationTemplates.Select(t => t.Id).FirstAsync(),
            ["versions"] = await db.PolicyVersions.Where(v => v.PolicyId == published).Select(v => v.Id).SingleAsync(),
            ["policy-versions"] = await db.PolicyVersions.Where(v => v.PolicyId == published).Select(v => v.Id).SingleAsync(),
        });
        var version = ids["versions"].ToString();
        var due = DateTime.UtcNow.AddDays(30).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        // Valid values by field name ({n} becomes a number unique to the request): only the hostile field can be at fault.
        var baseline = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["Name"] = "Matrix {n}", ["Title"] = "Matrix {n}", ["DisplayName"] = "Matrix Person", ["Email"] = "matrix-{n}@example.test",
            ["Slug"] = "matrix-{n}", ["DefaultCulture"] = "en", ["Category"] = "Tests", ["Description"] = "A template", ["Language"] = "en",
            ["Markdown"] = "# Matrix", ["markdown"] = "# Matrix", ["Body"] = "# {{ company_name }}", ["ChangeSummary"] = "Matrix change", ["Reason"] = "Matrix reason",
            ["ReviewCycleMonths"] = "12", ["Roles"] = "Employee", ["Everyone"] = "true", ["DueDate"] = due, ["LateJoinerDays"] = "14",
            ["ReminderDaysBefore"] = "7,1", ["OverdueReminderDays"] = "0", ["Confirmed"] = "true", ["VersionId"] = version,
            ["ClientId"] = "matrix-client-{n}", ["Password"] = "Matrix-Lantern-2026!", ["ConfirmPassword"] = "Matrix-Lantern-2026!",
            ["Values[company_name]"] = "Matrix AG",
            ["Text"] = "Matrix question {n}?", ["Option1"] = "Yes", ["Option2"] = "No", ["Correct"] = "1",
        };
        return new World(admin, ids, baseline);
    }

    /// <summary>An HTTP client with a client-credentials token of the test machine client (scope policyhub_api).</summary>
    private async Task<HttpClient> MachineClientAsync()
    {
        using var identity = new HttpClient();
        using var response = await identity.PostAsync($"{Servers.IdentityUrl}/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials", ["client_id"] = LiveServers.MachineClientId, ["client_secret"] = Servers.MachineSecret, ["scope"] = "policyhub_api",
        }));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var http = new HttpClient();
        http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer",
            JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("access_token").GetString());
        return http;
    }

    private async Task<(Dictionary<string, List<string>> Web, List<string> Identity)> SnapshotAsync()
    {
        var web = await _fixture.InTenantAsync("demo", TenantEndpoints.SnapshotAsync);
        web["Tenants"] = await _fixture.InTenantAsync("demo", async db => (await db.Tenants.AsNoTracking().ToListAsync()).Select(t => JsonSerializer.Serialize(t)).Order(StringComparer.Ordinal).ToList());
        await using var scope = Servers.Identity.Services.CreateAsyncScope();
        var auth = scope.ServiceProvider.GetRequiredService<AuthDbContext>();
        var identity = (await auth.Users.AsNoTracking().OrderBy(u => u.Id).ToListAsync())
            .Select(u => $"{u.Id} {u.Email} {u.DisplayName} {u.PasswordHash} {u.TwoFactorEnabled} {u.EmailConfirmed} {u.SecurityStamp}")
            .Append($"outbox {await auth.Set<PolicyHub.Core.Email.OutboxMessage>().CountAsync()}")
            .ToList();
        return (web, identity);
    }

    [GeneratedRegex(@"\{(\w+)(?::[^}]*)?\??\}")]
    private static partial Regex Parameter();
}
