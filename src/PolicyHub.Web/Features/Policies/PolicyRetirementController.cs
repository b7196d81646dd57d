using PolicyHub.Core.Policies;
using PolicyHub.Web.Features.Campaigns;

namespace PolicyHub.Web.Features.Policies;

/// <summary>Retiring a policy after a confirmation that states what it withdraws, and reinstating a retired one as a new draft.</summary>
[Authorize]
[Route("o/{slug}/policies/{id:guid}")]
[TenantRole(Capabilities.AuthorPolicies)]
public sealed class PolicyRetirementController(PolicyHubDbContext db, TenantContext tenant, IStringLocalizer<SharedResource> l) : Controller
{
    [HttpGet("retire")]
    public async Task<IActionResult> Retire(Guid id, [FromServices] AssignmentReach reach)
    {
        var policy = await db.Policies.AsNoTracking().SingleOrDefaultAsync(p => p.Id == id);
        if (policy is null)
        {
            return NotFound();
        }

        if (policy.Status == PolicyStatus.Retired)
        {
            return RedirectToAction(nameof(PoliciesController.Details), "Policies", new { slug = tenant.Tenant.Slug, id });
        }

        return View("ConfirmRetire", new RetirePage(policy, await reach.OfPolicyAsync(id, HttpContext.RequestAborted)));
    }

    [HttpPost("retire")]
    public async Task<IActionResult> Retire(Guid id, [FromServices] RetirePolicy retire)
    {
        var result = await retire.RetireAsync(id);
        if (result.Outcome == WorkflowOutcome.NotFound)
        {
            return NotFound();
        }

        TempData[result.Outcome == WorkflowOutcome.Done ? "Status" : "Error"] = result.Outcome == WorkflowOutcome.Done
            ? l["The policy has been retired."].Value : PolicyPages.RefusalMessage(l, result);
        return RedirectToAction(nameof(PoliciesController.Details), "Policies", new { slug = tenant.Tenant.Slug, id });
    }

    [HttpPost("reinstate")]
    public async Task<IActionResult> Reinstate(Guid id, [FromServices] ReinstatePolicy reinstate)
    {
        var (result, number) = await reinstate.ReinstateAsync(id);
        if (result.Outcome == WorkflowOutcome.NotFound)
        {
            return NotFound();
        }

        if (result.Outcome != WorkflowOutcome.Done)
        {
            TempData["Error"] = PolicyPages.RefusalMessage(l, result);
            return RedirectToAction(nameof(PoliciesController.Details), "Policies", new { slug = tenant.Tenant.Slug, id });
        }

        TempData["Status"] = l["The policy is back as draft version {0}. Publish it to bring it into force again.", number].Value;
        return RedirectToAction(nameof(PolicyDraftsController.Edit), "PolicyDrafts", new { slug = tenant.Tenant.Slug, id, version = number });
    }
}
