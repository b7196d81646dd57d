using PolicyHub.Core.Policies;
using PolicyHub.Web.Features.Campaigns;

namespace PolicyHub.Web.Features.Policies;

/// <summary>A policy's versions: reading one, the review steps (submit, approve, return, publish) and starting a new version. Each change is its own class (SubmitPolicyVersion … StartNextVersion); the draft editor is PolicyDraftsController.</summary>
[Authorize]
[Route("o/{slug}/policies")]
public sealed class PolicyVersionsController(
    PolicyHubDbContext db,
    TenantContext tenant,
    IStringLocalizer<SharedResource> l) : Controller
{
    [HttpGet("{id:guid}/versions/{version:int}")]
    [TenantRole(Capabilities.ViewPolicies)]
    public async Task<IActionResult> Show(Guid id, int version, string? language = null)
    {
        var policy = await db.Policies.AsNoTracking().SingleOrDefaultAsync(p => p.Id == id);
        var text = await db.PolicyVersions.AsNoTracking().SingleOrDefaultAsync(v => v.PolicyId == id && v.Number == version);
        if (policy is null || text is null)
        {
            return NotFound();
        }

        var translations = await db.PolicyTranslations.AsNoTracking().Where(t => t.PolicyVersionId == text.Id).ToListAsync();
        var translation = translations.FirstOrDefault(t => t.Language == language);
        return View(new VersionPage(
            policy, text,
            translation is not null ? PolicyPages.Rendered(translation.Html, translation.Markdown) : PolicyPages.Rendered(text.Html, text.Markdown),
            translation?.Language ?? text.Language,
            translation is not null ? translation.ContentHash : text.ContentHash,
            translations.Select(t => t.Language).Prepend(text.Language).ToList(),
            await ThreadAsync(text.Id),
            policy.Status == PolicyStatus.Active && PolicyLifecycle.Check(PolicyAction.Approve, text, tenant.Membership, tenant.Tenant.FourEyesApproval) == LifecycleRefusal.None,
            policy.Status == PolicyStatus.Active && tenant.Membership.Has(Capabilities.DiscussReviews)
                && text.Status is PolicyVersionStatus.Draft or PolicyVersionStatus.InReview or PolicyVersionStatus.Approved));
    }

    [HttpPost("{id:guid}/versions/{version:int}/submit")]
    [TenantRole(Capabilities.AuthorPolicies)]
    public async Task<IActionResult> Submit(Guid id, int version, [FromServices] SubmitPolicyVersion submit)
        => Outcome(id, await submit.SubmitAsync(id, version), l["Version {0} has been submitted for review.", version]);

    [HttpPost("{id:guid}/versions/{version:int}/approve")]
    [TenantRole(Capabilities.ReviewPolicies)]
    public async Task<IActionResult> Approve(Guid id, int version, ApproveModel model, [FromServices] ApprovePolicyVersion approve)
    {
        if (!await db.PolicyVersions.AnyAsync(v => v.PolicyId == id && v.Number == version))
        {
            return NotFound();
        }

        if (!ModelState.IsValid)
        {
            TempData["Error"] = string.Join(" ", ModelState.Values.SelectMany(v => v.Errors).Select(e => e.ErrorMessage));
            return RedirectToAction(nameof(Show), new { slug = tenant.Tenant.Slug, id, version });
        }

        return Outcome(id, await approve.ApproveAsync(id, version, model.Comment), l["Version {0} has been approved and can be published.", version]);
    }

    /// <summary>A remark in the version's review thread (<see cref="CommentOnVersion"/>).</summary>
    [HttpPost("{id:guid}/versions/{version:int}/comments")]
    [TenantRole(Capabilities.DiscussReviews)]
    public async Task<IActionResult> Comment(Guid id, int version, CommentModel model, [FromServices] CommentOnVersion comment)
    {
        if (!await db.PolicyVersions.AnyAsync(v => v.PolicyId == id && v.Number == version))
        {
            return NotFound();
        }

        if (!ModelState.IsValid)
        {
            TempData["Error"] = string.Join(" ", ModelState.Values.SelectMany(v => v.Errors).Select(e => e.ErrorMessage));
        }
        else if (await comment.CommentAsync(id, version, model.Text) is { Outcome: not WorkflowOutcome.Done } refused)
        {
            TempData["Error"] = RefusalMessage(refused);
        }
        else
        {
            TempData["Status"] = l["Your comment has been added."].Value;
        }

        return RedirectToAction(nameof(Show), new { slug = tenant.Tenant.Slug, id, version });
    }

    [HttpPost("{id:guid}/versions/{version:int}/reject")]
    [TenantRole(Capabilities.ReviewPolicies)]
    public async Task<IActionResult> Reject(Guid id, int version, RejectModel model, [FromServices] ReturnPolicyVersion returnToAuthor)
    {
        if (!await db.PolicyVersions.AnyAsync(v => v.PolicyId == id && v.Number == version))
        {
            return NotFound();
        }

        if (!ModelState.IsValid)
        {
            TempData["Error"] = string.Join(" ", ModelState.Values.SelectMany(v => v.Errors).Select(e => e.ErrorMessage));
            return RedirectToAction(nameof(PoliciesController.Details), "Policies", new { slug = tenant.Tenant.Slug, id });
        }

        return Outcome(id, await returnToAuthor.ReturnAsync(id, version, model.Reason), l["Version {0} has gone back to its author.", version]);
    }

    /// <summary>The confirmation before publishing: what it freezes and whom it asks, with the due date of a material change.</summary>
    [HttpGet("{id:guid}/versions/{version:int}/publish")]
    [TenantRole(Capabilities.AuthorPolicies)]
    public async Task<IActionResult> Publish(Guid id, int version, [FromServices] AssignmentReach reach)
    {
        var page = await PublishPageAsync(id, version, null, reach);
        if (page is null)
        {
            return NotFound();
        }

        if (page.Version.Status != PolicyVersionStatus.Approved)
        {
            TempData["Error"] = l["Only an approved version can be published."].Value;
            return RedirectToAction(nameof(PoliciesController.Details), "Policies", new { slug = tenant.Tenant.Slug, id });
        }

        return View("ConfirmPublish", page);
    }

    [HttpPost("{id:guid}/versions/{version:int}/publish")]
    [TenantRole(Capabilities.AuthorPolicies)]
    public async Task<IActionResult> Publish(Guid id, int version, PublishModel model, [FromServices] PublishPolicyVersion publish, [FromServices] AssignmentReach reach)
    {
        if (!ModelState.IsValid)
        {
            var page = await PublishPageAsync(id, version, model, reach);
            if (page is null)
            {
                return NotFound();
            }

            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return View("ConfirmPublish", page);
        }

        var dueAt = model.DueDate is { } date ? DueDates.EndOfDay(date) : (DateTime?)null;
        return Outcome(id, await publish.PublishAsync(id, version, dueAt), l["Version {0} is published.", version]);
    }

    [HttpPost("{id:guid}/versions")]
    [TenantRole(Capabilities.AuthorPolicies)]
    public async Task<IActionResult> NewVersion(Guid id, NewVersionModel model, [FromServices] StartNextVersion start)
    {
        if (!await db.Policies.AnyAsync(p => p.Id == id))
        {
            return NotFound();
        }

        if (!ModelState.IsValid)
        {
            TempData["Error"] = string.Join(" ", ModelState.Values.SelectMany(v => v.Errors).Select(e => e.ErrorMessage));
            return RedirectToAction(nameof(PoliciesController.Details), "Policies", new { slug = tenant.Tenant.Slug, id });
        }

        var (result, number) = await start.StartAsync(id, model.ChangeSummary, model.IsMaterialChange);
        if (result.Outcome == WorkflowOutcome.NotFound)
        {
            return NotFound();
        }

        if (result.Outcome != WorkflowOutcome.Done)
        {
            TempData["Error"] = RefusalMessage(result);
            return RedirectToAction(nameof(PoliciesController.Details), "Policies", new { slug = tenant.Tenant.Slug, id });
        }

        TempData["Status"] = l["Version {0} has been started from the latest text.", number].Value;
        return RedirectToAction(nameof(PolicyDraftsController.Edit), "PolicyDrafts", new { slug = tenant.Tenant.Slug, id, version = number });
    }


    private async Task<PublishPage?> PublishPageAsync(Guid id, int version, PublishModel? form, AssignmentReach reach)
    {
        var policy = await db.Policies.AsNoTracking().SingleOrDefaultAsync(p => p.Id == id);
        var text = await db.PolicyVersions.AsNoTracking().SingleOrDefaultAsync(v => v.PolicyId == id && v.Number == version);
        if (policy is null || text is null)
        {
            return null;
        }

        var ct = HttpContext.RequestAborted;
        return new PublishPage(policy, text, await reach.OfPolicyAsync(id, ct), form ?? new PublishModel { DueDate = text.IsMaterialChange ? await reach.ProposedDueDateAsync(id, ct) : null });
    }

    private async Task<IReadOnlyList<ThreadEntry>> ThreadAsync(Guid versionId)
        => await (from c in db.ReviewComments.AsNoTracking()
                  where c.PolicyVersionId == versionId
                  join m in db.Memberships on c.AuthorId equals m.Id
                  orderby c.CreatedAt
                  select new ThreadEntry(c.Kind, m.DisplayName, c.Text, c.CreatedAt)).ToListAsync();

    /// <summary>A review step's answer: 404, or back to the policy with what happened.</summary>
    private IActionResult Outcome(Guid id, WorkflowResult result, LocalizedString done)
    {
        if (result.Outcome == WorkflowOutcome.NotFound)
        {
            return NotFound();
        }

        TempData[result.Outcome == WorkflowOutcome.Done ? "Status" : "Error"] = result.Outcome == WorkflowOutcome.Done ? done.Value : RefusalMessage(result);
        return RedirectToAction(nameof(PoliciesController.Details), "Policies", new { slug = tenant.Tenant.Slug, id });
    }


    private string RefusalMessage(WorkflowResult result) => PolicyPages.RefusalMessage(l, result);
}
