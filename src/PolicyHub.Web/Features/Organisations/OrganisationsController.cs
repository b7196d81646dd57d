using PolicyHub.Core.Text;
using PolicyHub.Core.Audit;

namespace PolicyHub.Web.Features.Organisations;

/// <summary>Creating an organisation, its start page and its settings.</summary>
[Authorize]
public sealed class OrganisationsController(
    PolicyHubDbContext db,
    TenantContext tenant,
    Acknowledgements.EmployeeInbox inbox,
    RoleHome home,
    IStringLocalizer<SharedResource> l) : Controller
{
    [HttpGet("organisations/new")]
    public IActionResult Create() => View(new CreateOrganisationModel { DefaultCulture = System.Globalization.CultureInfo.CurrentUICulture.TwoLetterISOLanguageName });

    [HttpPost("organisations/new")]
    public async Task<IActionResult> Create(CreateOrganisationModel model, [FromServices] CreateOrganisation create)
    {
        if (!ModelState.IsValid)
        {
            return View(model);
        }

        var (organisation, problem) = await create.CreateAsync(model, User, HttpContext.RequestAborted);
        if (organisation is null)
        {
            ModelState.AddModelError(nameof(model.Slug), problem!);
            return View(model);
        }

        TempData["Status"] = l["The organisation {0} is ready. Invite your people next.", organisation.Name].Value;
        return RedirectToAction(nameof(Home), new { slug = organisation.Slug });
    }

    [HttpGet("o/{slug}")]
    [TenantRole(Capabilities.AnyMember)]
    public async Task<IActionResult> Home()
    {
        var counts = await db.Memberships.GroupBy(m => m.Status).Select(g => new { g.Key, Count = g.Count() }).ToListAsync();
        return View(new OrganisationHomeModel(tenant.Tenant.Slug, tenant.Tenant.Name, tenant.Membership.Roles,
            counts.Where(c => c.Key == MembershipStatus.Active).Sum(c => c.Count),
            counts.Where(c => c.Key == MembershipStatus.Invited).Sum(c => c.Count),
            await inbox.LoadAsync(tenant.Membership.Id, HttpContext.RequestAborted),
            await home.LoadAsync(HttpContext.RequestAborted)));
    }

    [HttpGet("o/{slug}/settings")]
    [TenantRole(Capabilities.ManageSettings)]
    public IActionResult Settings() => View(new OrganisationSettingsModel
    {
        Name = tenant.Tenant.Name,
        DefaultCulture = tenant.Tenant.DefaultCulture,
        FourEyesApproval = tenant.Tenant.FourEyesApproval,
        RequireTypedName = tenant.Tenant.RequireTypedName,
        ReminderDaysBefore = tenant.Tenant.ReminderDaysBefore.Replace(",", ", ", StringComparison.Ordinal),
        OverdueReminderDays = tenant.Tenant.OverdueReminderDays,
        ReviewReminderDays = tenant.Tenant.ReviewReminderDays,
        ConcurrencyStamp = tenant.Tenant.ConcurrencyStamp,
    });

    [HttpPost("o/{slug}/settings")]
    [TenantRole(Capabilities.ManageSettings)]
    public async Task<IActionResult> Settings(OrganisationSettingsModel model, [FromServices] ChangeOrganisationSettings change)
    {
        if (ModelState.IsValid && await change.ChangeAsync(model, HttpContext.RequestAborted) is { } problem)
        {
            ModelState.AddModelError(string.Empty, problem);
        }

        if (!ModelState.IsValid)
        {
            return View(model);
        }

        TempData["Status"] = l["The settings have been saved."].Value;
        return RedirectToAction(nameof(Settings), new { slug = tenant.Tenant.Slug });
    }
}
