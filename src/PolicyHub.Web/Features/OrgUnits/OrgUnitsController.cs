using PolicyHub.Core.Text;
using PolicyHub.ServiceDefaults.Validation;
using System.Text.Json.Nodes;
using FluentValidation;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using PolicyHub.Core.Tenancy;
using PolicyHub.Data.Database;
using PolicyHub.Data.Web;
using PolicyHub.Web.Features.Tenancy;

namespace PolicyHub.Web.Features.OrgUnits;

public sealed class OrgUnitModel
{
    public string Name { get; set; } = string.Empty;
}

public sealed class OrgUnitModelValidator : AbstractValidator<OrgUnitModel>
{
    public OrgUnitModelValidator(IStringLocalizer<SharedResource> l)
        => RuleFor(m => m.Name).ValidName(l, Limits.Name, () => l["Enter a name."]);
}

public sealed record OrgUnitRow(Guid Id, string Name, int Members);

public sealed record OrgUnitListModel(string Kind, IReadOnlyList<OrgUnitRow> Units, OrgUnitModel NewUnit);

/// <summary>Departments and locations: the two ways an organisation groups its people. One controller, two kinds.</summary>
[Authorize]
[Route("o/{slug}/{kind:regex(^(departments|locations)$)}")]
public sealed class OrgUnitsController(PolicyHubDbContext db, TenantContext tenant, IStringLocalizer<SharedResource> l) : Controller
{
    [HttpGet("")]
    [TenantRole(Capabilities.ManageOrganisation)]
    public async Task<IActionResult> Index(string kind) => View(await ListAsync(kind, new OrgUnitModel()));

    [HttpPost("")]
    [TenantRole(Capabilities.ManageOrganisation)]
    public async Task<IActionResult> Create(string kind, OrgUnitModel model)
    {
        if (ModelState.IsValid && await NameTakenAsync(kind, TextRules.NormalizeName(model.Name)!, null))
        {
            ModelState.AddModelError(nameof(model.Name), l["This name is already in use."]);
        }

        if (!ModelState.IsValid)
        {
            return View(nameof(Index), await ListAsync(kind, model));
        }

        try
        {
            await db.InTransactionAsync(async ct =>
            {
                var id = Guid.CreateVersion7();
                db.Add(kind == "departments" ? new Department { Id = id, Name = TextRules.NormalizeName(model.Name)! } : (object)new Location { Id = id, Name = TextRules.NormalizeName(model.Name)! });
                db.Audit(AuditActions.UnitCreated(Singular(kind)), EntityType(kind), id.ToString(), tenant.Actor);
                return await db.SaveChangesAsync(ct);
            });
        }
        catch (DbUpdateException e) when (e.IsUniqueViolation())
        {
            // Someone added the same name between the check above and this insert: the same answer as a sequential duplicate.
            db.ChangeTracker.Clear();
            ModelState.AddModelError(nameof(model.Name), l["This name is already in use."]);
            return View(nameof(Index), await ListAsync(kind, model));
        }
        TempData["Status"] = l["{0} has been added.", TextRules.NormalizeName(model.Name)!].Value;
        return RedirectToAction(nameof(Index), new { slug = tenant.Tenant.Slug, kind });
    }

    [HttpPost("{id:guid}/rename")]
    [TenantRole(Capabilities.ManageOrganisation)]
    public async Task<IActionResult> Rename(string kind, Guid id, OrgUnitModel model)
    {
        var unit = await FindAsync(kind, id);
        if (unit is null)
        {
            return NotFound();
        }

        if (ModelState.IsValid && await NameTakenAsync(kind, TextRules.NormalizeName(model.Name)!, id))
        {
            ModelState.AddModelError(nameof(model.Name), l["This name is already in use."]);
        }

        if (!ModelState.IsValid)
        {
            TempData["Error"] = string.Join(" ", ModelState.Values.SelectMany(v => v.Errors).Select(e => e.ErrorMessage));
            return RedirectToAction(nameof(Index), new { slug = tenant.Tenant.Slug, kind });
        }

        try
        {
            await db.InTransactionAsync(async ct =>
            {
                db.Entry(unit).Property("Name").CurrentValue = TextRules.NormalizeName(model.Name)!;
                db.Audit(AuditActions.UnitRenamed(Singular(kind)), EntityType(kind), id.ToString(), tenant.Actor);
                return await db.SaveChangesAsync(ct);
            });
        }
        catch (DbUpdateException e) when (e.IsUniqueViolation())
        {
            TempData["Error"] = l["This name is already in use."].Value;
            return RedirectToAction(nameof(Index), new { slug = tenant.Tenant.Slug, kind });
        }
        TempData["Status"] = l["The name has been changed to {0}.", TextRules.NormalizeName(model.Name)!].Value;
        return RedirectToAction(nameof(Index), new { slug = tenant.Tenant.Slug, kind });
    }

    [HttpPost("{id:guid}/delete")]
    [TenantRole(Capabilities.ManageOrganisation)]
    public async Task<IActionResult> Delete(string kind, Guid id)
    {
        var unit = await FindAsync(kind, id);
        if (unit is null)
        {
            return NotFound();
        }

        var used = kind == "departments" ? await db.Memberships.AnyAsync(m => m.DepartmentId == id) : await db.Memberships.AnyAsync(m => m.LocationId == id);
        if (used)
        {
            TempData["Error"] = l["This entry still has people assigned. Move them first."].Value;
            return RedirectToAction(nameof(Index), new { slug = tenant.Tenant.Slug, kind });
        }

        await db.InTransactionAsync(async ct =>
        {
            db.Remove(unit);
            db.Audit(AuditActions.UnitDeleted(Singular(kind)), EntityType(kind), id.ToString(), tenant.Actor);
            return await db.SaveChangesAsync(ct);
        });
        TempData["Status"] = l["The entry has been deleted."].Value;
        return RedirectToAction(nameof(Index), new { slug = tenant.Tenant.Slug, kind });
    }

    private async Task<OrgUnitListModel> ListAsync(string kind, OrgUnitModel newUnit)
    {
        var units = kind == "departments"
            ? await db.Departments.AsNoTracking().OrderBy(d => d.Name)
                .Select(d => new OrgUnitRow(d.Id, d.Name, db.Memberships.Count(m => m.DepartmentId == d.Id))).ToListAsync()
            : await db.Locations.AsNoTracking().OrderBy(d => d.Name)
                .Select(d => new OrgUnitRow(d.Id, d.Name, db.Memberships.Count(m => m.LocationId == d.Id))).ToListAsync();
        return new OrgUnitListModel(kind, units, newUnit);
    }

    private async Task<object?> FindAsync(string kind, Guid id)
        => kind == "departments" ? await db.Departments.SingleOrDefaultAsync(d => d.Id == id) : await db.Locations.SingleOrDefaultAsync(d => d.Id == id);

    private Task<bool> NameTakenAsync(string kind, string name, Guid? except)
        => kind == "departments"
            ? db.Departments.AnyAsync(d => d.Name == name && d.Id != except)
            : db.Locations.AnyAsync(d => d.Name == name && d.Id != except);

    private static string Singular(string kind) => kind == "departments" ? "department" : "location";

    private static string EntityType(string kind) => kind == "departments" ? nameof(Department) : nameof(Location);
}
