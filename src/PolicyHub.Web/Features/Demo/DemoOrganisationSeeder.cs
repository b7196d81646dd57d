using PolicyHub.Core.Audit;
using PolicyHub.Demo;

namespace PolicyHub.Web.Features.Demo;

/// <summary>
/// The embedded run's "Demo GmbH" (slug "demo"): departments, locations and the demo people as invited members,
/// who become active at their first sign-in (their demo accounts have verified emails). Only when
/// Demo:SeedOrganisation is set, and only once. Demo:ApiClientId, when set, is allowed to use the API.
/// </summary>
public sealed class DemoOrganisationSeeder(IServiceScopeFactory scopes, IConfiguration configuration, TimeProvider time, ILogger<DemoOrganisationSeeder> logger)
    : IHostedService
{
    public const string Slug = "demo";

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!configuration.GetValue<bool>("Demo:SeedOrganisation"))
        {
            return;
        }

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PolicyHubDbContext>();
        if (await db.Tenants.AnyAsync(t => t.Slug == Slug, cancellationToken))
        {
            return;
        }

        var now = time.GetUtcNow().UtcDateTime;
        var tenant = new Tenant { Slug = Slug, Name = "Demo GmbH", DefaultCulture = "de", CreatedAt = now };
        db.UseTenant(tenant.Id);
        await db.InTransactionAsync(async ct =>
        {
            db.AddOrganisation(tenant, AuditActor.System, AuditEvents.DemoOrganisationCreated(tenant));
            var departments = DemoPeople.All.Select(p => p.Department).Distinct().ToDictionary(n => n, n => new Department { Name = n });
            var locations = DemoPeople.All.Select(p => p.Location).Distinct().ToDictionary(n => n, n => new Location { Name = n });
            db.Departments.AddRange(departments.Values);
            db.Locations.AddRange(locations.Values);
            foreach (var person in DemoPeople.All)
            {
                var role = Enum.Parse<TenantRoles>(person.Role);
                var membership = new Membership
                {
                    Email = person.Email,
                    NormalizedEmail = Membership.Normalize(person.Email),
                    DisplayName = person.Name,
                    Roles = role == TenantRoles.Employee ? role : role | TenantRoles.Employee,
                    DepartmentId = departments[person.Department].Id,
                    LocationId = locations[person.Location].Id,
                    Status = MembershipStatus.Invited,
                    InvitedAt = now,
                };
                db.Memberships.Add(membership);
                db.Audit(AuditEvents.MemberInvited(membership), AuditActor.System);
            }

            // The embedded run's archive client (registered at the auth service in Development) may read Demo GmbH's exports.
            if (configuration["Demo:ApiClientId"] is { Length: > 0 } clientId)
            {
                var client = new ApiClient { ClientId = clientId, Name = "Demo archive", CreatedAt = now };
                db.ApiClients.Add(client);
                db.Audit(AuditEvents.ApiClientAllowed(client), AuditActor.System);
            }

            return await db.SaveChangesAsync(ct);
        }, cancellationToken);
        logger.LogInformation("Seeded the demo organisation Demo GmbH (/o/{Slug}).", Slug);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
