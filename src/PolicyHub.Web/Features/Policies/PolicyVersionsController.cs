using PolicyHub.Core.Policies;

namespace PolicyHub.Web.Features.Policies;

/// <summary>A policy's versions: reading one, editing the draft, the review steps (submit, approve, return, publish) and starting a new version. Each change is its own class (SaveDraft, SubmitPolicyVersion … StartNextVersion).</summary>
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
            translations.Select(t => t.Language).Prepend(text.Language).ToList()));
    }

    [HttpGet("{id:guid}/versions/{version:int}/edit")]
    [TenantRole(Capabilities.AuthorPolicies)]
    public async Task<IActionResult> Edit(Guid id, int version)
    {
        var draft = await db.PolicyVersions.AsNoTracking().SingleOrDefaultAsync(v => v.PolicyId == id && v.Number == version);
        if (draft is null)
        {
            return NotFound();
        }

        if (draft.Status != PolicyVersionStatus.Draft)
        {
            return RedirectToAction(nameof(PoliciesController.Details), "Policies", new { slug = tenant.Tenant.Slug, id });
        }

        var model = new EditDraftModel
        {
            Markdown = draft.Markdown, ChangeSummary = draft.ChangeSummary, IsMaterialChange = draft.IsMaterialChange, ConcurrencyStamp = draft.ConcurrencyStamp,
            Page = await PageAsync(id, draft, draft.Markdown),
        };
        if (PolicyMarkdown.Check(draft.Markdown) is var problem and not MarkdownProblem.None)
        {
            // A draft saved before the limits existed opens with the reason, so its author can repair it.
            ModelState.AddModelError(nameof(EditDraftModel.Markdown), ServiceDefaults.Validation.TextValidation.Message(l, problem));
        }

        return View(model);
    }

    [HttpPost("{id:guid}/versions/{version:int}/edit")]
    [TenantRole(Capabilities.AuthorPolicies)]
    public async Task<IActionResult> Edit(Guid id, int version, EditDraftModel model, [FromServices] SaveDraft save)
    {
        var draft = await db.PolicyVersions.AsNoTracking().SingleOrDefaultAsync(v => v.PolicyId == id && v.Number == version);
        if (draft is null)
        {
            return NotFound();
        }

        if (ModelState.IsValid)
        {
            var result = await save.SaveAsync(id, version, model.Markdown, model.ChangeSummary, model.IsMaterialChange, model.ConcurrencyStamp);
            switch (result.Outcome)
            {
                case WorkflowOutcome.Done:
                    TempData["Status"] = l["The draft has been saved."].Value;
                    return RedirectToAction(nameof(Edit), new { slug = tenant.Tenant.Slug, id, version });
                case WorkflowOutcome.Conflict:
                    ModelState.AddModelError(string.Empty, l["Someone else saved this draft meanwhile. Your text is below: copy what you need, reload the page and apply your changes again."]);
                    break;
                default:
                    ModelState.AddModelError(string.Empty, RefusalMessage(result));
                    break;
            }
        }

        model.Page = await PageAsync(id, draft, model.Markdown);
        return View(model);
    }

    [HttpPost("{id:guid}/versions/{version:int}/submit")]
    [TenantRole(Capabilities.AuthorPolicies)]
    public async Task<IActionResult> Submit(Guid id, int version, [FromServices] SubmitPolicyVersion submit)
        => Outcome(id, await submit.SubmitAsync(id, version), l["Version {0} has been submitted for review.", version]);

    [HttpPost("{id:guid}/versions/{version:int}/approve")]
    [TenantRole(Capabilities.ReviewPolicies)]
    public async Task<IActionResult> Approve(Guid id, int version, [FromServices] ApprovePolicyVersion approve)
        => Outcome(id, await approve.ApproveAsync(id, version), l["Version {0} has been approved and can be published.", version]);

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

    [HttpPost("{id:guid}/versions/{version:int}/publish")]
    [TenantRole(Capabilities.AuthorPolicies)]
    public async Task<IActionResult> Publish(Guid id, int version, [FromServices] PublishPolicyVersion publish)
        => Outcome(id, await publish.PublishAsync(id, version), l["Version {0} is published.", version]);

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
        return RedirectToAction(nameof(Edit), new { slug = tenant.Tenant.Slug, id, version = number });
    }


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


    private async Task<DraftPage> PageAsync(Guid id, PolicyVersion draft, string? markdown)
        => new(
            await db.Policies.AsNoTracking().SingleAsync(p => p.Id == id), draft, PolicyMarkdown.Render(markdown ?? string.Empty),
            await db.PolicyTranslations.AsNoTracking().Where(t => t.PolicyVersionId == draft.Id).Select(t => t.Language).ToListAsync());

    private string RefusalMessage(WorkflowResult result) => PolicyPages.RefusalMessage(l, result);
}
