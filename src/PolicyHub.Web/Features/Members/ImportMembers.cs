using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using PolicyHub.Core.Tenancy;
using PolicyHub.Data.Database;
using PolicyHub.Data.Web;
using PolicyHub.Web.Features.Campaigns;
using PolicyHub.Web.Features.Tenancy;

namespace PolicyHub.Web.Features.Members;

public sealed record ImportSummary(int Invited, int Updated, int Unchanged, IReadOnlyList<string> NewDepartments, IReadOnlyList<string> NewLocations);

/// <summary>
/// Imports checked rows in one transaction: new people are invited, known ones (by email) are brought in line
/// with the file, unchanged ones are left alone — so importing the same file twice changes nothing the second
/// time. Departments and locations named in the file are created when missing.
/// </summary>
public sealed class ImportMembers(PolicyHubDbContext db, MemberInvitations invitations)
{
    public Task<ImportSummary> ImportAsync(Tenant organisation, Membership actor, IReadOnlyList<MemberCsvRow> rows, string applicationUrl, CancellationToken cancellationToken)
        => db.InTransactionAsync(async ct =>
        {
            var departments = await db.Departments.ToDictionaryAsync(d => d.Name, StringComparer.OrdinalIgnoreCase, ct);
            var locations = await db.Locations.ToDictionaryAsync(d => d.Name, StringComparer.OrdinalIgnoreCase, ct);
            var emails = rows.Select(r => Membership.Normalize(r.Email)).ToList();
            var existing = await db.Memberships.Where(m => emails.Contains(m.NormalizedEmail)).ToDictionaryAsync(m => m.NormalizedEmail, ct);

            var newDepartments = new List<string>();
            var newLocations = new List<string>();
            int invited = 0, updated = 0, unchanged = 0;
            foreach (var row in rows)
            {
                var departmentId = row.Department is null ? null : (Guid?)Unit(departments, row.Department, name => new Department { Name = name }, d => d.Id, newDepartments, "department").Id;
                var locationId = row.Location is null ? null : (Guid?)Unit(locations, row.Location, name => new Location { Name = name }, l => l.Id, newLocations, "location").Id;
                if (!existing.TryGetValue(Membership.Normalize(row.Email), out var member))
                {
                    var invitedMember = invitations.Invite(organisation, actor, row.Email, row.Name, row.Roles, departmentId, locationId, applicationUrl);
                    invitedMember.ManagerEmail = row.Manager;
                    invited++;
                    continue;
                }

                var manager = row.HasManagerColumn ? row.Manager : member.ManagerEmail;
                if (member.DisplayName == row.Name && member.Roles == row.Roles && member.DepartmentId == departmentId && member.LocationId == locationId
                    && member.ManagerEmail == manager)
                {
                    unchanged++;
                    continue;
                }

                member.DisplayName = row.Name;
                member.Roles = row.Roles;
                member.DepartmentId = departmentId;
                member.LocationId = locationId;
                var managerChanged = member.ManagerEmail != manager;
                member.ManagerEmail = manager;
                member.ConcurrencyStamp = Guid.NewGuid();
                db.Audit(AuditActions.MemberChanged, nameof(Membership), member.Id.ToString(), actor.Id.ToString(), new JsonObject
                {
                    ["roles"] = row.Roles.ToString(), ["department"] = departmentId?.ToString(), ["location"] = locationId?.ToString(),
                    ["managerEmailChanged"] = managerChanged, ["source"] = "import",
                });
                updated++;
            }

            db.Audit(AuditActions.MembersImported, nameof(Tenant), organisation.Id.ToString(), actor.Id.ToString(),
                new JsonObject { ["rows"] = rows.Count, ["invited"] = invited, ["updated"] = updated, ["unchanged"] = unchanged });
            await db.SaveChangesAsync(ct); // moved people's requests follow their new unit in the same save
            return new ImportSummary(invited, updated, unchanged, newDepartments, newLocations);

            (T Unit, Guid Id) Unit<T>(Dictionary<string, T> known, string name, Func<string, T> create, Func<T, Guid> idOf, List<string> created, string kind) where T : class, ITenantOwned
            {
                if (known.TryGetValue(name, out var unit))
                {
                    return (unit, idOf(unit));
                }

                unit = create(name);
                db.Add(unit);
                var id = idOf(unit);
                db.Audit(AuditActions.UnitCreated(kind), typeof(T).Name, id.ToString(), actor.Id.ToString(),
                    new JsonObject { ["source"] = "import" });
                known[name] = unit;
                created.Add(name);
                return (unit, id);
            }
        }, cancellationToken);
}
