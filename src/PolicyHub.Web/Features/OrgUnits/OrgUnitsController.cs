using PolicyHub.Core.Text;
using PolicyHub.ServiceDefaults.Validation;
using FluentValidation;

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

/// <summary>
/// Departments and locations: the two ways an organisation groups its people. One controller, two kinds; the changes
/// are <see cref="CreateOrgUnit"/>, <see cref="RenameOrgUnit"/> and <see cref="DeleteOrgUnit"/>.
/// </summary>
[Authorize]
[Route("o/{slug}/{kind:regex(^(departments|locations)$)}")]
[TenantRole(Capabilities.ManagePeople)]
public sealed class OrgUnitsController(PolicyHubDbContext db, TenantContext tenant, IStringLocalizer<SharedResource> l) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index(string kind) => View(await ListAsync(kind, new OrgUnitModel()));

    [HttpPost("")]
    public async Task<IActionResult> Create(string kind, OrgUnitModel model, [FromServices] CreateOrgUnit create)
    {
        if (ModelState.IsValid)
        {
            var result = await create.CreateAsync(kind, model, HttpContext.RequestAborted);
            if (result.Problem is null)
            {
                TempData["Status"] = l["{0} has been added.", result.Name!].Value;
                return RedirectToAction(nameof(Index), new { slug = tenant.Tenant.Slug, kind });
            }

            ModelState.AddModelError(nameof(model.Name), result.Problem);
        }

        return View(nameof(Index), await ListAsync(kind, model));
    }

    [HttpPost("{id:guid}/rename")]
    public async Task<IActionResult> Rename(string kind, Guid id, OrgUnitModel model, [FromServices] RenameOrgUnit rename, [FromServices] OrgUnitRows rows)
    {
        if (!ModelState.IsValid)
        {
            if (await rows.FindAsync(kind, id, HttpContext.RequestAborted) is null)
            {
                return NotFound();
            }

            TempData["Error"] = string.Join(" ", ModelState.Values.SelectMany(v => v.Errors).Select(e => e.ErrorMessage));
            return RedirectToAction(nameof(Index), new { slug = tenant.Tenant.Slug, kind });
        }

        var result = await rename.RenameAsync(kind, id, model, HttpContext.RequestAborted);
        if (!result.Found)
        {
            return NotFound();
        }

        if (result.Problem is null)
        {
            TempData["Status"] = l["The name has been changed to {0}.", result.Name!].Value;
        }
        else
        {
            TempData["Error"] = result.Problem;
        }

        return RedirectToAction(nameof(Index), new { slug = tenant.Tenant.Slug, kind });
    }

    [HttpPost("{id:guid}/delete")]
    public async Task<IActionResult> Delete(string kind, Guid id, [FromServices] DeleteOrgUnit delete)
    {
        var result = await delete.DeleteAsync(kind, id, HttpContext.RequestAborted);
        if (!result.Found)
        {
            return NotFound();
        }

        if (result.Problem is null)
        {
            TempData["Status"] = l["The entry has been deleted."].Value;
        }
        else
        {
            TempData["Error"] = result.Problem;
        }

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
}
