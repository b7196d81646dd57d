using PolicyHub.Core.Audit;
using PolicyHub.Core.Text;

namespace PolicyHub.Web.Features.OrgUnits;

/// <summary>What a change to a department or location came to: done, the unit not found (404), or a message.</summary>
public sealed record OrgUnitChangeResult(bool Found, string? Problem, string? Name = null)
{
    public static readonly OrgUnitChangeResult Missing = new(false, null);
}

/// <summary>The two kinds of unit, "departments" and "locations" as in the route, and their rows.</summary>
public sealed class OrgUnitRows(PolicyHubDbContext db)
{
    private static bool IsDepartments(string kind) => kind == "departments";

    public static AuditEntry Created(string kind, Guid id) => IsDepartments(kind) ? AuditEvents.DepartmentCreated(id) : AuditEvents.LocationCreated(id);

    public static AuditEntry Renamed(string kind, Guid id) => IsDepartments(kind) ? AuditEvents.DepartmentRenamed(id) : AuditEvents.LocationRenamed(id);

    public static AuditEntry Deleted(string kind, Guid id) => IsDepartments(kind) ? AuditEvents.DepartmentDeleted(id) : AuditEvents.LocationDeleted(id);

    public async Task<object?> FindAsync(string kind, Guid id, CancellationToken ct)
        => kind == "departments" ? await db.Departments.SingleOrDefaultAsync(d => d.Id == id, ct) : await db.Locations.SingleOrDefaultAsync(d => d.Id == id, ct);

    public Task<bool> NameTakenAsync(string kind, string name, Guid? except, CancellationToken ct)
        => kind == "departments"
            ? db.Departments.AnyAsync(d => d.Name == name && d.Id != except, ct)
            : db.Locations.AnyAsync(d => d.Name == name && d.Id != except, ct);
}

/// <summary>Adds a department or location with a name not yet in use; records "department.created" / "location.created".</summary>
public sealed class CreateOrgUnit(PolicyHubDbContext db, TenantContext tenant, OrgUnitRows rows, IStringLocalizer<SharedResource> l) : IStateChange
{
    public async Task<OrgUnitChangeResult> CreateAsync(string kind, OrgUnitModel model, CancellationToken ct)
    {
        var name = TextRules.NormalizeName(model.Name)!;
        if (await rows.NameTakenAsync(kind, name, null, ct))
        {
            return new OrgUnitChangeResult(true, l["This name is already in use."]);
        }

        try
        {
            await db.InTransactionAsync(async token =>
            {
                var id = Guid.CreateVersion7();
                db.Add(kind == "departments" ? new Department { Id = id, Name = name } : (object)new Location { Id = id, Name = name });
                db.Audit(OrgUnitRows.Created(kind, id), tenant.Actor);
                return await db.SaveChangesAsync(token);
            }, ct);
        }
        catch (DbUpdateException e) when (e.IsUniqueViolation())
        {
            // Someone added the same name between the check above and this insert: the same answer as a sequential duplicate.
            db.ChangeTracker.Clear();
            return new OrgUnitChangeResult(true, l["This name is already in use."]);
        }

        return new OrgUnitChangeResult(true, null, name);
    }
}

/// <summary>Renames a department or location to a name not yet in use; records "….renamed".</summary>
public sealed class RenameOrgUnit(PolicyHubDbContext db, TenantContext tenant, OrgUnitRows rows, IStringLocalizer<SharedResource> l) : IStateChange
{
    public async Task<OrgUnitChangeResult> RenameAsync(string kind, Guid id, OrgUnitModel model, CancellationToken ct)
    {
        var unit = await rows.FindAsync(kind, id, ct);
        if (unit is null)
        {
            return OrgUnitChangeResult.Missing;
        }

        var name = TextRules.NormalizeName(model.Name)!;
        if (await rows.NameTakenAsync(kind, name, id, ct))
        {
            return new OrgUnitChangeResult(true, l["This name is already in use."]);
        }

        try
        {
            await db.InTransactionAsync(async token =>
            {
                db.Entry(unit).Property("Name").CurrentValue = name;
                db.Audit(OrgUnitRows.Renamed(kind, id), tenant.Actor);
                return await db.SaveChangesAsync(token);
            }, ct);
        }
        catch (DbUpdateException e) when (e.IsUniqueViolation())
        {
            db.ChangeTracker.Clear();
            return new OrgUnitChangeResult(true, l["This name is already in use."]);
        }

        return new OrgUnitChangeResult(true, null, name);
    }
}

/// <summary>Deletes a department or location that nobody is assigned to any more; records "….deleted".</summary>
public sealed class DeleteOrgUnit(PolicyHubDbContext db, TenantContext tenant, OrgUnitRows rows, IStringLocalizer<SharedResource> l) : IStateChange
{
    public async Task<OrgUnitChangeResult> DeleteAsync(string kind, Guid id, CancellationToken ct)
    {
        var unit = await rows.FindAsync(kind, id, ct);
        if (unit is null)
        {
            return OrgUnitChangeResult.Missing;
        }

        var used = kind == "departments" ? await db.Memberships.AnyAsync(m => m.DepartmentId == id, ct) : await db.Memberships.AnyAsync(m => m.LocationId == id, ct);
        if (used)
        {
            return new OrgUnitChangeResult(true, l["This entry still has people assigned. Move them first."]);
        }

        await db.InTransactionAsync(async token =>
        {
            db.Remove(unit);
            db.Audit(OrgUnitRows.Deleted(kind, id), tenant.Actor);
            return await db.SaveChangesAsync(token);
        }, ct);
        return new OrgUnitChangeResult(true, null);
    }
}
