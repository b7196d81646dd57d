using PolicyHub.Core.Policies;
using PolicyHub.Core.Templates;

namespace PolicyHub.Web.Features.Policies;

/// <summary>Translations of a version: written next to the original, saved (SavePolicyTranslation) and removed (DeletePolicyTranslation).</summary>
[Authorize]
[Route("o/{slug}/policies")]
public sealed class PolicyTranslationsController(
    PolicyHubDbContext db,
    TenantContext tenant,
    IStringLocalizer<SharedResource> l) : Controller
{
    [HttpGet("{id:guid}/versions/{version:int}/translations/{language}")]
    [TenantRole(Capabilities.AuthorPolicies)]
    public async Task<IActionResult> Translate(Guid id, int version, string language)
    {
        var draft = await TranslationTargetAsync(id, version, language);
        if (draft is null)
        {
            return NotFound();
        }

        var existing = await db.PolicyTranslations.AsNoTracking().SingleOrDefaultAsync(t => t.PolicyVersionId == draft.Id && t.Language == language);
        return View(new TranslationModel { Markdown = existing?.Markdown ?? draft.Markdown, Page = await PageAsync(id, draft, language) });
    }

    [HttpPost("{id:guid}/versions/{version:int}/translations/{language}")]
    [TenantRole(Capabilities.AuthorPolicies)]
    public async Task<IActionResult> Translate(Guid id, int version, string language, TranslationModel model, [FromServices] SavePolicyTranslation save)
    {
        var draft = await TranslationTargetAsync(id, version, language);
        if (draft is null)
        {
            return NotFound();
        }

        if (ModelState.IsValid)
        {
            var result = await save.SaveAsync(id, version, language, model.Markdown);
            if (result.Outcome == WorkflowOutcome.Done)
            {
                TempData["Status"] = l["The translation has been saved."].Value;
                return RedirectToAction(nameof(PolicyDraftsController.Edit), "PolicyDrafts", new { slug = tenant.Tenant.Slug, id, version });
            }

            ModelState.AddModelError(string.Empty, RefusalMessage(result));
            Response.StatusCode = StatusCodes.Status409Conflict;
        }

        model.Page = await PageAsync(id, draft, language);
        return View(model);
    }

    [HttpPost("{id:guid}/versions/{version:int}/translations/{language}/delete")]
    [TenantRole(Capabilities.AuthorPolicies)]
    public async Task<IActionResult> DeleteTranslation(Guid id, int version, string language, [FromServices] DeletePolicyTranslation delete)
    {
        var result = await delete.DeleteAsync(id, version, language);
        if (result.Outcome == WorkflowOutcome.NotFound)
        {
            return NotFound();
        }

        TempData[result.Outcome == WorkflowOutcome.Done ? "Status" : "Error"] = result.Outcome == WorkflowOutcome.Done
            ? l["The translation has been removed."].Value : RefusalMessage(result);
        return RedirectToAction(nameof(PolicyDraftsController.Edit), "PolicyDrafts", new { slug = tenant.Tenant.Slug, id, version });
    }


    /// <summary>A version of this organisation's policy and a supported language other than its own, or null (404).</summary>
    private async Task<PolicyVersion?> TranslationTargetAsync(Guid id, int version, string language)
    {
        var draft = await db.PolicyVersions.AsNoTracking().SingleOrDefaultAsync(v => v.PolicyId == id && v.Number == version);
        return draft is not null && BuiltInTemplates.Languages.Contains(language) && language != draft.Language ? draft : null;
    }


    private async Task<TranslationPage> PageAsync(Guid id, PolicyVersion draft, string language)
        => new(await db.Policies.AsNoTracking().SingleAsync(p => p.Id == id), draft, language, PolicyPages.Rendered(draft.Html, draft.Markdown));

    private string RefusalMessage(WorkflowResult result) => PolicyPages.RefusalMessage(l, result);
}
