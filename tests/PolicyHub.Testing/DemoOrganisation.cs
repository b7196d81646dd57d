using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PolicyHub.Data.Identity;
using PolicyHub.Data.Web;

namespace PolicyHub.Testing;

/// <summary>
/// Steps in Demo GmbH (the seeded organisation, slug "demo") taken the way people take them: through the pages,
/// by HR and the approver. Shared by the integration tests, the resilience tests and the load benchmarks.
/// </summary>
public static class DemoOrganisation
{
    public const string Slug = "demo";
    public const string AccountPassword = "Fixture-Tulip-Harbour-9";

    /// <summary>An account as if its owner had registered and clicked the link (password <see cref="AccountPassword"/>).</summary>
    public static async Task CreateConfirmedAccountAsync(this LiveServers servers, string email, string name)
    {
        await using var scope = servers.Identity.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var result = await users.CreateAsync(new ApplicationUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = name }, AccountPassword);
        if (!result.Succeeded)
        {
            throw new InvalidOperationException(string.Join("; ", result.Errors.Select(e => e.Description)));
        }
    }

    /// <summary>Reads the Web database as the given organisation sees it (through the tenant filter).</summary>
    public static async Task<T> InTenantAsync<T>(this LiveServers servers, string slug, Func<PolicyHubDbContext, Task<T>> read)
    {
        await using var scope = servers.Web.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PolicyHubDbContext>();
        var tenant = await db.Tenants.AsNoTracking().SingleAsync(t => t.Slug == slug);
        db.UseTenant(tenant.Id);
        return await read(db);
    }

    /// <summary>A blank policy taken through the pages to version 1 published (HR writes, the approver approves).</summary>
    public static async Task<Guid> PublishBlankPolicyAsync(this LiveServers servers, TestBrowser hr, TestBrowser approver, string title)
    {
        var draft = await hr.SubmitAsync(await hr.GetAsync($"{servers.WebUrl}/o/{Slug}/policies/new/blank/en"), "main form", new() { ["Title"] = title, ["Category"] = "Rules" });
        var policyId = Guid.Parse(draft.Url.Split("/policies/")[1].Split('/')[0]);
        await hr.SubmitAsync(draft, "#draft-form", [], ("Then", "submit"));
        await approver.SubmitAsync(await approver.GetAsync($"{servers.WebUrl}/o/{Slug}/policies/{policyId}"), "form[action$='/versions/1/approve']", []);
        var published = await hr.SubmitAsync(await hr.GetAsync($"{servers.WebUrl}/o/{Slug}/policies/{policyId}/versions/1/publish"), "#publish-form", []);
        Expect(published.Text.Contains("Version 1 is published.", StringComparison.Ordinal), $"Publishing {title} failed: {string.Join(" / ", published.ErrorMessages)}");
        return policyId;
    }

    /// <summary>Assigns a policy to a department through the assign page; returns the assignment's id.</summary>
    public static async Task<Guid> AssignToDepartmentAsync(this LiveServers servers, TestBrowser hr, Guid policyId, string department, Dictionary<string, string>? more = null)
    {
        var id = await servers.InTenantAsync(Slug, db => db.Departments.Where(d => d.Name == department).Select(d => d.Id).SingleAsync());
        var fields = new Dictionary<string, string>(more ?? []) { ["DepartmentIds"] = id.ToString() };
        var done = await hr.SubmitAsync(await hr.GetAsync($"{servers.WebUrl}/o/{Slug}/policies/{policyId}/assign"), "#assign-form", fields);
        Expect(done.Text.Contains("The policy has been assigned:", StringComparison.Ordinal), string.Join(" / ", done.ErrorMessages));
        return await servers.InTenantAsync(Slug, db => db.Assignments.Where(a => a.PolicyId == policyId).OrderByDescending(a => a.CreatedAt).Select(a => a.Id).FirstAsync());
    }

    private static void Expect(bool condition, string message)
    {
        if (!condition)
        {
            throw new InvalidOperationException(message);
        }
    }
}
