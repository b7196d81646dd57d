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
    public async Task<IActionResult> Index(Guid id, PeopleFilter people = PeopleFilter.Open, int page = 1)
    {
        var model = await dashboard.LoadAsync(id, Enum.IsDefined(people) ? people : PeopleFilter.Open, page, HttpContext.RequestAborted);
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
            { SkippedToday: 0 } sent => Plural.Of(sent.Reminders, l["A reminder is on its way to {0} person.", sent.Reminders], l["Reminders are on their way to {0} people.", sent.Reminders]).Value,
            { Reminders: 0 } sent => Plural.Of(sent.SkippedToday,
                l["No reminder was sent now: the {0} person still open already had a reminder today, and gets this one tomorrow.", sent.SkippedToday],
                l["No reminder was sent now: the {0} people still open already had a reminder today, and get this one tomorrow.", sent.SkippedToday]).Value,
            var sent => l["Reminders are on their way to {0} people; {1} already had a reminder today and get this one tomorrow.", sent.Reminders, sent.SkippedToday].Value,
        };
        return RedirectToAction(nameof(Index), new { slug = tenant.Tenant.Slug, id });
    }

    /// <summary>The listed people as CSV (recorded in the audit trail first).</summary>
    [HttpPost("people.csv")]
    [TenantRole(Capabilities.ViewAssignmentProgress)]
    public async Task<IActionResult> ExportPeople(Guid id, [FromServices] ExportAssignmentPeople export, PeopleFilter people = PeopleFilter.Open)
        => await export.ExportAsync(id, Enum.IsDefined(people) ? people : PeopleFilter.Open, Response, HttpContext.RequestAborted) ? new EmptyResult() : NotFound();

    /// <summary>One person still open is reminded now — unless they already had a reminder today (then the answer says so).</summary>
    [HttpPost("people/{membershipId:guid}/remind")]
    [TenantRole(Capabilities.AuthorPolicies)]
    public async Task<IActionResult> RemindPerson(Guid id, Guid membershipId, [FromServices] PolicyHubDbContext db, [FromServices] SendRemindersNow send)
    {
        // Another organisation's person is not found here (the filter), like its assignments.
        var result = await db.Memberships.AnyAsync(m => m.Id == membershipId) ? await send.SendAsync(id, HttpContext.RequestAborted, membershipId) : new SendRemindersNowResult(false);
        if (!result.Found)
        {
            return NotFound();
        }

        TempData[result.Sent is { Reminders: 1 } ? "Status" : "Error"] = result.Sent switch
        {
            null => l["This person has nothing open on this assignment: no reminder was sent."].Value,
            { Reminders: 1 } => l["A reminder is on its way."].Value,
            _ => l["Not sent now: this person already had a reminder today. They get this one tomorrow (at most one email a day)."].Value,
        };
        return RedirectToAction(nameof(Index), new { slug = tenant.Tenant.Slug, id, people = PeopleFilter.Open });
    }

    /// <summary>The confirmation before withdrawing: how many open requests it withdraws and how many acknowledgements stay.</summary>
    [HttpGet("withdraw")]
    [TenantRole(Capabilities.AuthorPolicies)]
    public async Task<IActionResult> Withdraw(Guid id, [FromServices] PolicyHubDbContext db, [FromServices] AssignmentReach reach)
    {
        var assignment = await db.Assignments.AsNoTracking().SingleOrDefaultAsync(a => a.Id == id);
        if (assignment is null)
        {
            return NotFound();
        }

        if (assignment.Status != AssignmentStatus.Active)
        {
            return RedirectToAction(nameof(Index), new { slug = tenant.Tenant.Slug, id });
        }

        var policy = await db.Policies.AsNoTracking().SingleAsync(p => p.Id == assignment.PolicyId);
        return View("ConfirmWithdraw", new WithdrawPage(assignment, policy, await reach.OfAssignmentAsync(id, HttpContext.RequestAborted)));
    }

    [HttpPost("withdraw")]
    [TenantRole(Capabilities.AuthorPolicies)]
    public async Task<IActionResult> Withdraw(Guid id, [FromServices] WithdrawAssignment withdraw)
    {
        var outcome = await withdraw.WithdrawAsync(id, HttpContext.RequestAborted);
        if (outcome == WithdrawOutcome.NotFound)
        {
            return NotFound();
        }

        TempData[outcome == WithdrawOutcome.Withdrawn ? "Status" : "Error"] = outcome == WithdrawOutcome.Withdrawn
            ? l["The assignment has been withdrawn; its open requests are withdrawn too."].Value
            : l["This assignment is no longer active."].Value;
        return RedirectToAction(nameof(Index), new { slug = tenant.Tenant.Slug, id });
    }
}

/// <summary>What withdrawing an assignment will do.</summary>
public sealed record WithdrawPage(Assignment Assignment, Policy Policy, Reach Reach);
