using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using PolicyHub.Core.Acknowledgements;
using PolicyHub.Core.Policies;
using PolicyHub.Core.Tenancy;
using PolicyHub.Data.Database;
using PolicyHub.Data.Web;
using PolicyHub.Web.Features.Reminders;
using PolicyHub.Web.Features.Tenancy;

namespace PolicyHub.Web.Features.Campaigns;

/// <summary>HR's view of one assignment: completion over time, by department and location, who is overdue; "send reminder now".</summary>
[Authorize]
[Route("o/{slug}/assignments/{id:guid}")]
public sealed class AssignmentDashboardController(
    PolicyHubDbContext db,
    TenantContext tenant,
    AssignmentDashboard dashboard,
    ReminderSender reminders,
    TimeProvider time,
    IStringLocalizer<SharedResource> l) : Controller
{
    public const TenantRoles Readers = PolicyLifecycle.Authors | TenantRoles.ComplianceOfficer;

    [HttpGet("")]
    [TenantRole(Readers)]
    public async Task<IActionResult> Index(Guid id)
    {
        var model = await dashboard.LoadAsync(id, HttpContext.RequestAborted);
        return model is null ? NotFound() : View(model);
    }

    /// <summary>Everyone still open on this assignment is due for a reminder now; who already had an email today gets it tomorrow.</summary>
    [HttpPost("remind")]
    [TenantRole(PolicyLifecycle.Authors)]
    public async Task<IActionResult> Remind(Guid id)
    {
        var assignment = await db.Assignments.AsNoTracking().SingleOrDefaultAsync(a => a.Id == id);
        if (assignment is null)
        {
            return NotFound();
        }

        var now = time.GetUtcNow().UtcDateTime;
        var people = await db.InTransactionAsync(async ct =>
        {
            var open = db.AcknowledgementRequests.Where(r => r.AssignmentId == id && r.Status == RequestStatus.Open);
            var members = await open.Select(r => r.MembershipId).ToListAsync(ct);
            await open.UpdateInTenantAsync(db, s => s.SetProperty(r => r.NextReminderAt, now), ct);
            db.Audit(CampaignAuditActions.ReminderRequested, nameof(Assignment), id.ToString(), tenant.Actor, new JsonObject { ["policy"] = assignment.PolicyId.ToString(), ["open"] = members.Count });
            await db.SaveChangesAsync(ct);
            return members;
        });

        if (assignment.Status != AssignmentStatus.Active || people.Count == 0)
        {
            TempData["Status"] = l["Nobody is waiting on this assignment: no reminder was sent."].Value;
            return RedirectToAction(nameof(Index), new { slug = tenant.Tenant.Slug, id });
        }

        var result = await reminders.SendDueRemindersAsync(tenant.Tenant, people, HttpContext.RequestAborted);
        TempData["Status"] = result.SkippedToday == 0
            ? l["Reminders are on their way to {0} people.", result.Reminders].Value
            : l["Reminders are on their way to {0} people; {1} already had a reminder today and get this one tomorrow.", result.Reminders, result.SkippedToday].Value;
        return RedirectToAction(nameof(Index), new { slug = tenant.Tenant.Slug, id });
    }
}
