using PolicyHub.Core.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using PolicyHub.Core.Audit;
using PolicyHub.Core.Tenancy;
using PolicyHub.Data.Database;
using PolicyHub.Data.Web;
using PolicyHub.Web.Features.Tenancy;

namespace PolicyHub.Web.Features.Organisations;

/// <summary>Creating an organisation, its start page and its settings.</summary>
[Authorize]
public sealed class OrganisationsController(
    PolicyHubDbContext db,
    TenantContext tenant,
    TimeProvider time,
    Acknowledgements.EmployeeInbox inbox,
    IStringLocalizer<SharedResource> l) : Controller
{
    [HttpGet("organisations/new")]
    public IActionResult Create() => View(new CreateOrganisationModel { DefaultCulture = System.Globalization.CultureInfo.CurrentUICulture.TwoLetterISOLanguageName });

    [HttpPost("organisations/new")]
    public async Task<IActionResult> Create(CreateOrganisationModel model)
    {
        if (!ModelState.IsValid)
        {
            return View(model);
        }

        var now = time.GetUtcNow().UtcDateTime;
        var organisation = new Tenant { Slug = model.Slug, Name = TextRules.NormalizeName(model.Name)!, DefaultCulture = model.DefaultCulture, CreatedAt = now };
        var email = User.FindFirst("email")?.Value ?? string.Empty;
        var creator = new Membership
        {
            Subject = User.FindFirst("sub")!.Value,
            Email = email,
            NormalizedEmail = Membership.Normalize(email),
            DisplayName = User.Identity?.Name ?? email,
            Roles = TenantRoles.Administrator | TenantRoles.Employee,
            Status = MembershipStatus.Active,
            InvitedAt = now,
            JoinedAt = now,
        };

        db.UseTenant(organisation.Id);
        try
        {
            await db.InTransactionAsync(async ct =>
            {
                db.Tenants.Add(organisation);
                db.AuditChainHeads.Add(new AuditChainHead { TenantId = organisation.Id });
                db.Memberships.Add(creator);
                db.Audit(AuditActions.OrganisationCreated, nameof(Tenant), organisation.Id.ToString(), creator.Id.ToString(),
                    new JsonObject { ["slug"] = organisation.Slug, ["defaultCulture"] = organisation.DefaultCulture });
                db.Audit(AuditActions.MemberJoined, nameof(Membership), creator.Id.ToString(), creator.Id.ToString(),
                    new JsonObject { ["roles"] = creator.Roles.ToString() });
                return await db.SaveChangesAsync(ct);
            });
        }
        catch (DbUpdateException e) when (e.IsUniqueViolation())
        {
            // Someone took the slug between validation and the insert (the unique index says so).
            ModelState.AddModelError(nameof(model.Slug), l["This short name is already taken. Please choose another."]);
            return View(model);
        }

        TempData["Status"] = l["The organisation {0} is ready. Invite your people next.", organisation.Name].Value;
        return RedirectToAction(nameof(Home), new { slug = organisation.Slug });
    }

    [HttpGet("o/{slug}")]
    [TenantRole(TenantRoleAttribute.AnyMember)]
    public async Task<IActionResult> Home()
    {
        var counts = await db.Memberships.GroupBy(m => m.Status).Select(g => new { g.Key, Count = g.Count() }).ToListAsync();
        return View(new OrganisationHomeModel(tenant.Tenant.Slug, tenant.Tenant.Name, tenant.Membership.Roles,
            counts.Where(c => c.Key == MembershipStatus.Active).Sum(c => c.Count),
            counts.Where(c => c.Key == MembershipStatus.Invited).Sum(c => c.Count),
            await inbox.LoadAsync(tenant.Membership.Id, HttpContext.RequestAborted)));
    }

    [HttpGet("o/{slug}/settings")]
    [TenantRole(Capabilities.ManageOrganisation)]
    public IActionResult Settings() => View(new OrganisationSettingsModel
    {
        Name = tenant.Tenant.Name,
        DefaultCulture = tenant.Tenant.DefaultCulture,
        FourEyesApproval = tenant.Tenant.FourEyesApproval,
        RequireTypedName = tenant.Tenant.RequireTypedName,
        ReminderDaysBefore = tenant.Tenant.ReminderDaysBefore.Replace(",", ", ", StringComparison.Ordinal),
        OverdueReminderDays = tenant.Tenant.OverdueReminderDays,
        ConcurrencyStamp = tenant.Tenant.ConcurrencyStamp,
    });

    [HttpPost("o/{slug}/settings")]
    [TenantRole(Capabilities.ManageOrganisation)]
    public async Task<IActionResult> Settings(OrganisationSettingsModel model)
    {
        if (!ModelState.IsValid)
        {
            return View(model);
        }

        try
        {
            await db.InTransactionAsync(async ct =>
            {
                var organisation = await db.Tenants.SingleAsync(t => t.Id == tenant.Tenant.Id, ct);
                db.Entry(organisation).Property(t => t.ConcurrencyStamp).OriginalValue = model.ConcurrencyStamp;
                var changes = new JsonObject();
                if (organisation.Name != TextRules.NormalizeName(model.Name)!)
                {
                    changes["name"] = TextRules.NormalizeName(model.Name)!; // an organisation's name is not personal data
                }

                if (organisation.DefaultCulture != model.DefaultCulture)
                {
                    changes["defaultCulture"] = model.DefaultCulture;
                }

                if (organisation.FourEyesApproval != model.FourEyesApproval)
                {
                    changes["fourEyesApproval"] = model.FourEyesApproval;
                }

                if (organisation.RequireTypedName != model.RequireTypedName)
                {
                    changes["requireTypedName"] = model.RequireTypedName;
                }

                var reminderDays = ReminderRules.Normalize(model.ReminderDaysBefore);
                if (organisation.ReminderDaysBefore != reminderDays || organisation.OverdueReminderDays != model.OverdueReminderDays)
                {
                    changes["reminderDaysBefore"] = reminderDays;
                    changes["overdueReminderDays"] = model.OverdueReminderDays;
                }

                organisation.Name = TextRules.NormalizeName(model.Name)!;
                organisation.DefaultCulture = model.DefaultCulture;
                organisation.FourEyesApproval = model.FourEyesApproval;
                organisation.RequireTypedName = model.RequireTypedName;
                organisation.ReminderDaysBefore = reminderDays;
                organisation.OverdueReminderDays = model.OverdueReminderDays;
                organisation.ConcurrencyStamp = Guid.NewGuid();
                db.Audit(AuditActions.OrganisationSettingsChanged, nameof(Tenant), organisation.Id.ToString(), tenant.Actor, changes);
                return await db.SaveChangesAsync(ct);
            });
        }
        catch (DbUpdateConcurrencyException)
        {
            ModelState.AddModelError(string.Empty, l["Someone else changed these settings meanwhile. Reload the page and try again."]);
            return View(model);
        }

        TempData["Status"] = l["The settings have been saved."].Value;
        return RedirectToAction(nameof(Settings), new { slug = tenant.Tenant.Slug });
    }
}
