using PolicyHub.Core.Tenancy;
using static PolicyHub.Core.Tenancy.TenantRoles;

namespace PolicyHub.IntegrationTests;

/// <summary>
/// Each role can do what it should and nothing more. The expected matrix is written here, independently of the
/// attributes on the controllers, and must name every organisation endpoint (a new one fails until it is added).
/// </summary>
public sealed class RoleMatrixTests(LiveServersFixture fixture) : IClassFixture<LiveServersFixture>
{
    private const TenantRoles Everyone = Administrator | PolicyManager | Approver | ComplianceOfficer | Employee;
    private const TenantRoles Authors = Administrator | PolicyManager;
    private const TenantRoles Reviewers = Administrator | Approver;
    private const TenantRoles Viewers = Administrator | PolicyManager | Approver | ComplianceOfficer;

    private static readonly Dictionary<string, TenantRoles> Expected = new()
    {
        ["GET o/{slug}"] = Everyone,
        ["GET o/{slug}/settings"] = Administrator,
        ["POST o/{slug}/settings"] = Administrator,
        ["GET o/{slug}/members"] = Administrator | PolicyManager | ComplianceOfficer,
        ["GET o/{slug}/members/invite"] = Administrator,
        ["POST o/{slug}/members/invite"] = Administrator,
        ["GET o/{slug}/members/import"] = Administrator,
        ["POST o/{slug}/members/import"] = Administrator,
        ["GET o/{slug}/members/{id:guid}"] = Administrator,
        ["POST o/{slug}/members/{id:guid}"] = Administrator,
        ["POST o/{slug}/members/{id:guid}/deactivate"] = Administrator,
        ["POST o/{slug}/members/{id:guid}/reactivate"] = Administrator,
        ["POST o/{slug}/members/{id:guid}/resend-invitation"] = Administrator,
        ["GET o/{slug}/{kind:regex(^(departments|locations)$)}"] = Administrator,
        ["POST o/{slug}/{kind:regex(^(departments|locations)$)}"] = Administrator,
        ["POST o/{slug}/{kind:regex(^(departments|locations)$)}/{id:guid}/rename"] = Administrator,
        ["POST o/{slug}/{kind:regex(^(departments|locations)$)}/{id:guid}/delete"] = Administrator,
        ["GET o/{slug}/policies"] = Viewers,
        ["GET o/{slug}/policies/new"] = Authors,
        ["GET o/{slug}/policies/new/{template}/{language}"] = Authors,
        ["POST o/{slug}/policies/new/{template}/{language}"] = Authors,
        ["POST o/{slug}/policies/preview"] = Authors,
        ["GET o/{slug}/policies/{id:guid}"] = Viewers,
        ["GET o/{slug}/policies/{id:guid}/diff"] = Viewers,
        ["GET o/{slug}/policies/{id:guid}/retire"] = Authors,
        ["POST o/{slug}/policies/{id:guid}/retire"] = Authors,
        ["POST o/{slug}/policies/{id:guid}/reinstate"] = Authors,
        ["GET o/{slug}/policies/{id:guid}/versions/{version:int}/publish"] = Authors,
        ["POST o/{slug}/policies/{id:guid}/versions/{version:int}/comments"] = Authors | Reviewers,
        ["GET o/{slug}/reviews"] = Reviewers,
        ["POST o/{slug}/policies/{id:guid}/versions"] = Authors,
        ["GET o/{slug}/policies/{id:guid}/versions/{version:int}"] = Viewers,
        ["GET o/{slug}/policies/{id:guid}/versions/{version:int}/edit"] = Authors,
        ["POST o/{slug}/policies/{id:guid}/versions/{version:int}/edit"] = Authors,
        ["POST o/{slug}/policies/{id:guid}/versions/{version:int}/draft"] = Authors,
        ["POST o/{slug}/policies/{id:guid}/versions/{version:int}/submit"] = Authors,
        ["POST o/{slug}/policies/{id:guid}/versions/{version:int}/approve"] = Reviewers,
        ["POST o/{slug}/policies/{id:guid}/versions/{version:int}/reject"] = Reviewers,
        ["POST o/{slug}/policies/{id:guid}/versions/{version:int}/publish"] = Authors,
        ["GET o/{slug}/policies/{id:guid}/versions/{version:int}/translations/{language}"] = Authors,
        ["POST o/{slug}/policies/{id:guid}/versions/{version:int}/translations/{language}"] = Authors,
        ["POST o/{slug}/policies/{id:guid}/versions/{version:int}/translations/{language}/delete"] = Authors,
        ["GET o/{slug}/policies/{id:guid}/versions/{version:int}/questions"] = Viewers,
        ["POST o/{slug}/policies/{id:guid}/versions/{version:int}/questions"] = Authors,
        ["POST o/{slug}/policies/{id:guid}/versions/{version:int}/questions/delete"] = Authors,
        ["POST o/{slug}/policies/{id:guid}/save-as-template"] = Authors,
        ["GET o/{slug}/policies/{id:guid}/settings"] = Authors,
        ["GET o/{slug}/policies/{id:guid}/assign"] = Authors,
        ["POST o/{slug}/policies/{id:guid}/assign"] = Authors,
        ["POST o/{slug}/policies/{id:guid}/assign/audience"] = Authors,
        ["GET o/{slug}/policies/{id:guid}/assign/people"] = Authors,
        ["POST o/{slug}/policies/{id:guid}/settings"] = Authors,
        ["GET o/{slug}/templates"] = Authors,
        ["GET o/{slug}/templates/new"] = Authors,
        ["POST o/{slug}/templates/new"] = Authors,
        ["GET o/{slug}/templates/{id:guid}"] = Authors,
        ["POST o/{slug}/templates/{id:guid}"] = Authors,
        ["POST o/{slug}/templates/{id:guid}/delete"] = Authors,
        ["GET o/{slug}/requests/{id:guid}"] = Everyone,
        ["POST o/{slug}/requests/{id:guid}"] = Everyone,
        ["POST o/{slug}/requests/{id:guid}/answers"] = Everyone,
        ["GET o/{slug}/acknowledgements/{id:guid}"] = Everyone,
        ["GET o/{slug}/acknowledgements/{id:guid}/receipt.pdf"] = Everyone,
        ["GET o/{slug}/my/acknowledgements"] = Everyone,
        ["GET o/{slug}/assignments/{id:guid}"] = Authors | ComplianceOfficer,
        ["POST o/{slug}/assignments/{id:guid}/remind"] = Authors,
        ["POST o/{slug}/assignments/{id:guid}/people.csv"] = Authors | ComplianceOfficer,
        ["POST o/{slug}/assignments/{id:guid}/people/{membershipId:guid}/remind"] = Authors,
        ["GET o/{slug}/assignments/{id:guid}/withdraw"] = Authors,
        ["POST o/{slug}/assignments/{id:guid}/withdraw"] = Authors,
        ["GET o/{slug}/audit"] = Administrator | ComplianceOfficer,
        ["GET o/{slug}/audit/{sequence:long}"] = Administrator | ComplianceOfficer,
        ["POST o/{slug}/audit/export.{format:regex(^(csv|jsonl)$)}"] = Administrator | ComplianceOfficer,
        ["POST o/{slug}/audit/checkpoint"] = Administrator | ComplianceOfficer,
        ["GET o/{slug}/compliance"] = Administrator | PolicyManager | ComplianceOfficer,
        ["POST o/{slug}/compliance/versions/{id:guid}/evidence.csv"] = Administrator | ComplianceOfficer,
        ["POST o/{slug}/compliance/people/evidence.csv"] = Administrator | ComplianceOfficer,
        ["GET o/{slug}/compliance/outstanding"] = Administrator | PolicyManager | ComplianceOfficer,
        ["GET o/{slug}/members/{id:guid}/erase"] = Administrator,
        ["POST o/{slug}/members/{id:guid}/erase"] = Administrator,
        ["GET o/{slug}/api-clients"] = Administrator,
        ["POST o/{slug}/api-clients"] = Administrator,
        ["POST o/{slug}/api-clients/{id:guid}/revoke"] = Administrator,
    };

    private LiveServers Servers => fixture.Servers;

    [Fact]
    public void Matrix_NamesEveryOrganisationEndpoint()
    {
        var actual = TenantEndpoints.All(Servers.Web.Services).Select(e => $"{e.Method} {e.Pattern}").Order(StringComparer.Ordinal);

        Assert.Equal(Expected.Keys.Order(StringComparer.Ordinal), actual);
    }

    [Theory]
    [InlineData("admin", Administrator | Employee)]
    [InlineData("hr", PolicyManager | Employee)]
    [InlineData("approver", Approver | Employee)]
    [InlineData("compliance", ComplianceOfficer | Employee)]
    [InlineData("employee", Employee)]
    public async Task Role_EveryEndpoint_AllowedOnlyWhereTheMatrixSays(string person, TenantRoles roles)
    {
        using var browser = await fixture.DemoBrowserAsync(person);
        var member = await fixture.InTenantAsync("demo", db => db.Memberships.AsNoTracking().SingleAsync(m => m.Email == $"{person}@demo.policyhub.test"));
        Assert.Equal(roles, member.Roles);
        var token = await browser.AntiforgeryTokenAsync($"{Servers.WebUrl}/");
        // Harmless targets: an invited member nobody needs and nothing else points to, in the demo organisation.
        var target = await fixture.InTenantAsync("demo", db => db.Memberships.AsNoTracking()
            .Where(m => m.Email == "finn.bauer@demo.policyhub.test").Select(m => m.Id).SingleAsync());

        var failures = new List<string>();
        foreach (var endpoint in TenantEndpoints.All(Servers.Web.Services))
        {
            var allowed = (Expected[$"{endpoint.Method} {endpoint.Pattern}"] & roles) != 0;
            var method = new HttpMethod(endpoint.Method);
            foreach (var url in TenantEndpoints.Urls(endpoint, Servers.WebUrl, "demo", target))
            {
                // Posts carry an empty form: a permitted caller gets a validation message or a no-op, never a change of substance.
                using var response = await browser.SendAsync(method, url, method == HttpMethod.Post ? new() { ["__RequestVerificationToken"] = token } : null);
                var status = (int)response.StatusCode;
                if (allowed ? status is 403 or >= 500 : status != 403)
                {
                    failures.Add($"{person}: {endpoint.Method} {url} answered {status}, expected {(allowed ? "access" : "403")}");
                }
            }
        }

        Assert.True(failures.Count == 0, string.Join('\n', failures));
    }
}
