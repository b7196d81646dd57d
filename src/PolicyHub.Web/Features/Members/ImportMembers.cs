using PolicyHub.Core.Audit;
using PolicyHub.Web.Features.Campaigns;

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
                var departmentId = row.Department is null ? null : (Guid?)Unit(departments, row.Department, name => new Department { Name = name }, d => d.Id, newDepartments, id => AuditEvents.DepartmentCreated(id, imported: true)).Id;
                var locationId = row.Location is null ? null : (Guid?)Unit(locations, row.Location, name => new Location { Name = name }, l => l.Id, newLocations, id => AuditEvents.LocationCreated(id, imported: true)).Id;
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

                db.Audit(AuditEvents.MemberImported(member, row.Roles, departmentId, locationId, managerEmailChanged: member.ManagerEmail != manager), actor.Id.ToString());
                member.DisplayName = row.Name;
                member.Roles = row.Roles;
                member.DepartmentId = departmentId;
                member.LocationId = locationId;
                member.ManagerEmail = manager;
                member.ConcurrencyStamp = Guid.NewGuid();
                updated++;
            }

            db.Audit(AuditEvents.MembersImported(organisation.Id, rows.Count, invited, updated, unchanged), actor.Id.ToString());
            await db.SaveChangesAsync(ct); // moved people's requests follow their new unit in the same save
            return new ImportSummary(invited, updated, unchanged, newDepartments, newLocations);

            (T Unit, Guid Id) Unit<T>(Dictionary<string, T> known, string name, Func<string, T> create, Func<T, Guid> idOf, List<string> created, Func<Guid, AuditEntry> audit) where T : class, ITenantOwned
            {
                if (known.TryGetValue(name, out var unit))
                {
                    return (unit, idOf(unit));
                }

                unit = create(name);
                db.Add(unit);
                var id = idOf(unit);
                db.Audit(audit(id), actor.Id.ToString());
                known[name] = unit;
                created.Add(name);
                return (unit, id);
            }
        }, cancellationToken);
}
