using PolicyHub.Core.Policies;

namespace PolicyHub.Web.Features.Policies;

/// <summary>
/// The draft editor: the text saves as it is typed (autosave, one audit event per editing session), the buttons save
/// it too, and <em>Submit for review</em> saves before it submits. Someone else's save meanwhile is shown as a
/// conflict with their text; nothing is overwritten.
/// </summary>
[Authorize]
[Route("o/{slug}/policies")]
public sealed class PolicyDraftsController(PolicyHubDbContext db, TenantContext tenant, IStringLocalizer<SharedResource> l) : Controller
{
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
            EditSession = Guid.NewGuid(), Page = await PageAsync(id, draft, draft.Markdown),
        };
        if (PolicyMarkdown.Check(draft.Markdown) is var problem and not MarkdownProblem.None)
        {
            // A draft saved before the limits existed opens with the reason, so its author can repair it.
            ModelState.AddModelError(nameof(EditDraftModel.Markdown), ServiceDefaults.Validation.TextValidation.Message(l, problem));
        }

        return View(model);
    }

    /// <summary><em>Save draft</em>, or <em>Submit for review</em> (<see cref="EditDraftModel.Then"/>): saved first, submitted only when saved.</summary>
    [HttpPost("{id:guid}/versions/{version:int}/edit")]
    [TenantRole(Capabilities.AuthorPolicies)]
    public async Task<IActionResult> Edit(Guid id, int version, EditDraftModel model, [FromServices] SaveDraft save, [FromServices] SubmitPolicyVersion submit)
    {
        var draft = await db.PolicyVersions.AsNoTracking().SingleOrDefaultAsync(v => v.PolicyId == id && v.Number == version);
        if (draft is null)
        {
            return NotFound();
        }

        if (ModelState.IsValid)
        {
            var saved = await save.SaveAsync(id, version, model.ToDraftText());
            switch (saved.Result.Outcome)
            {
                case WorkflowOutcome.Done when model.SubmitAfterSaving:
                    var submitted = await submit.SubmitAsync(id, version);
                    if (submitted.Outcome != WorkflowOutcome.Done)
                    {
                        TempData["Error"] = l["The draft has been saved, but it could not be submitted: {0}", PolicyPages.RefusalMessage(l, submitted)].Value;
                        return RedirectToAction(nameof(Edit), new { slug = tenant.Tenant.Slug, id, version });
                    }

                    TempData["Status"] = l["Version {0} has been submitted for review.", version].Value;
                    return RedirectToAction(nameof(PoliciesController.Details), "Policies", new { slug = tenant.Tenant.Slug, id });
                case WorkflowOutcome.Done:
                    TempData["Status"] = l["The draft has been saved."].Value;
                    return RedirectToAction(nameof(Edit), new { slug = tenant.Tenant.Slug, id, version });
                case WorkflowOutcome.Conflict:
                    ModelState.AddModelError(string.Empty, l["Someone else saved this draft meanwhile. Their text is shown below yours: copy what you need, reload the page and apply your changes again."]);
                    model.Conflict = await ConflictAsync(id, version);
                    break;
                default:
                    ModelState.AddModelError(string.Empty, PolicyPages.RefusalMessage(l, saved.Result));
                    break;
            }
        }
        else if (model.SubmitAfterSaving)
        {
            ModelState.AddModelError(string.Empty, l["The draft was not submitted: correct the text first."]);
        }

        model.Page = await PageAsync(id, draft, model.Markdown);
        return View(model);
    }

    /// <summary>The editor's autosave (htmx, as the author types): answers the save indicator, never a page.</summary>
    [HttpPost("{id:guid}/versions/{version:int}/draft")]
    [TenantRole(Capabilities.AuthorPolicies)]
    public async Task<IActionResult> Autosave(Guid id, int version, EditDraftModel model, [FromServices] SaveDraft save)
    {
        if (!await db.PolicyVersions.AnyAsync(v => v.PolicyId == id && v.Number == version))
        {
            return NotFound();
        }

        if (!ModelState.IsValid)
        {
            var problems = string.Join(" ", ModelState.Values.SelectMany(v => v.Errors).Select(e => e.ErrorMessage));
            return Status(StatusCodes.Status422UnprocessableEntity, new DraftStatus("invalid", l["Not saved: {0}", problems]));
        }

        var saved = await save.SaveAsync(id, version, model.ToDraftText());
        return saved.Result.Outcome switch
        {
            WorkflowOutcome.Done => Status(StatusCodes.Status200OK,
                new DraftStatus("saved", l["Saved at {0} UTC", saved.SavedAt.ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture)], saved.ConcurrencyStamp)),
            WorkflowOutcome.Conflict => Status(StatusCodes.Status409Conflict,
                new DraftStatus("conflict", l["Not saved: someone else saved this draft meanwhile. Their text is shown below; copy what you need, reload the page and apply your changes again."], Conflict: await ConflictAsync(id, version))),
            WorkflowOutcome.NotFound => NotFound(),
            _ => Status(StatusCodes.Status409Conflict, new DraftStatus("refused", l["Not saved: {0}", PolicyPages.RefusalMessage(l, saved.Result)])),
        };
    }

    private PartialViewResult Status(int statusCode, DraftStatus status)
    {
        Response.StatusCode = statusCode;
        return PartialView("_DraftStatus", status);
    }

    private async Task<DraftConflict> ConflictAsync(Guid id, int version)
    {
        var current = await db.PolicyVersions.AsNoTracking().SingleAsync(v => v.PolicyId == id && v.Number == version);
        var savedBy = current.DraftSavedBy is { } by ? await db.Memberships.Where(m => m.Id == by).Select(m => m.DisplayName).SingleOrDefaultAsync() : null;
        return new DraftConflict(current.Markdown, savedBy, current.DraftSavedAt);
    }

    private async Task<DraftPage> PageAsync(Guid id, PolicyVersion draft, string? markdown)
        => new(
            await db.Policies.AsNoTracking().SingleAsync(p => p.Id == id), draft, PolicyMarkdown.Render(markdown ?? string.Empty),
            await db.PolicyTranslations.AsNoTracking().Where(t => t.PolicyVersionId == draft.Id).Select(t => t.Language).ToListAsync());
}
