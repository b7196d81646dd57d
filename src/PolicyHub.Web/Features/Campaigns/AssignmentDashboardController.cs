using PolicyHub.Core.Acknowledgements;
using PolicyHub.Core.Policies;
using PolicyHub.Web.Features.Reminders;

namespace PolicyHub.Web.Features.Campaigns;

/// <summary>HR's view of one assignment: completion over time, by department and location, who is overdue; "send reminder now".</summary>
[Authorize]
[Route("o/{slug}/assignments/{id:guid}")]
public sealed class AssignmentDashboardController(
    TenantContext tenant,
    AssignmentDashboard dashboard,
    IStringLocalizer<SharedResource> l) : Controller
{

    [HttpGet("")]
    [TenantRole(Capabilities.ViewAssignmentProgress)]
    public async Task<IActionResult> Index(Guid id)
    {
        var model = await dashboard.LoadAsync(id, HttpContext.RequestAborted);
        return model is null ? NotFound() : View(model);
    }

    /// <summary>Everyone still open on this assignment is due for a reminder now (<see cref="SendRemindersNow"/>).</summary>
    [HttpPost("remind")]
    [TenantRole(Capabilities.AuthorPolicies)]
    public async Task<IActionResult> Remind(Guid id, [FromServices] SendRemindersNow send)
    {
        var result = await send.SendAsync(id, HttpContext.RequestAborted);
        if (!result.Found)
        {
            return NotFound();
        }

        TempData["Status"] = result.Sent switch
        {
            null => l["Nobody is waiting on this assignment: no reminder was sent."].Value,
            { SkippedToday: 0 } sent => l["Reminders are on their way to {0} people.", sent.Reminders].Value,
            var sent => l["Reminders are on their way to {0} people; {1} already had a reminder today and get this one tomorrow.", sent.Reminders, sent.SkippedToday].Value,
        };
        return RedirectToAction(nameof(Index), new { slug = tenant.Tenant.Slug, id });
    }
}
