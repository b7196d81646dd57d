using PolicyHub.Core.Policies;

namespace PolicyHub.Web.Features.Policies;

/// <summary>A version's comprehension check: HR writes up to ten multiple-choice questions on the draft; reviewers and later readers of the version see them as frozen.</summary>
[Authorize]
[Route("o/{slug}/policies/{id:guid}/versions/{version:int}/questions")]
public sealed class ComprehensionQuestionsController(PolicyHubDbContext db, TenantContext tenant, IStringLocalizer<SharedResource> l) : Controller
{
    [HttpGet("")]
    [TenantRole(Capabilities.ViewPolicies)]
    public async Task<IActionResult> Index(Guid id, int version)
    {
        var page = await PageAsync(id, version);
        return page is null ? NotFound() : View("Questions", page);
    }

    [HttpPost("")]
    [TenantRole(Capabilities.AuthorPolicies)]
    public async Task<IActionResult> Add(Guid id, int version, QuestionForm form, [FromServices] AddComprehensionQuestion add)
    {
        var page = await PageAsync(id, version);
        if (page is null)
        {
            return NotFound();
        }

        if (ModelState.IsValid)
        {
            switch (await add.AddAsync(id, version, form))
            {
                case AddComprehensionQuestion.Outcome.Added:
                    TempData["Status"] = l["The question has been added."].Value;
                    return RedirectToAction(nameof(Index), new { slug = tenant.Tenant.Slug, id, version });
                case AddComprehensionQuestion.Outcome.NotFound:
                    return NotFound();
                case AddComprehensionQuestion.Outcome.Full:
                    ModelState.AddModelError(string.Empty, l["A version can have at most {0} questions.", ComprehensionQuestion.MaxPerVersion]);
                    break;
                case AddComprehensionQuestion.Outcome.NoSuchSection:
                    ModelState.AddModelError(nameof(QuestionForm.Section), l["Choose a section of the text."]);
                    break;
                default:
                    ModelState.AddModelError(string.Empty, l["Questions can only change while the version is a draft."]);
                    break;
            }
        }

        return View("Questions", page with { Form = form });
    }

    [HttpPost("delete")]
    [TenantRole(Capabilities.AuthorPolicies)]
    public async Task<IActionResult> Delete(Guid id, int version, [FromForm] Guid questionId, [FromServices] DeleteComprehensionQuestion delete)
    {
        var result = await delete.DeleteAsync(id, version, questionId);
        if (result.Outcome == WorkflowOutcome.NotFound)
        {
            return NotFound();
        }

        if (result.Outcome == WorkflowOutcome.Done)
        {
            TempData["Status"] = l["The question has been removed."].Value;
        }
        else
        {
            TempData["Error"] = l["Questions can only change while the version is a draft."].Value;
        }

        return RedirectToAction(nameof(Index), new { slug = tenant.Tenant.Slug, id, version });
    }

    private async Task<QuestionsPage?> PageAsync(Guid id, int number)
    {
        var version = await db.PolicyVersions.AsNoTracking().SingleOrDefaultAsync(v => v.PolicyId == id && v.Number == number);
        if (version is null)
        {
            return null;
        }

        var policy = await db.Policies.AsNoTracking().SingleAsync(p => p.Id == id);
        var questions = await db.ComprehensionQuestions.AsNoTracking().Where(q => q.PolicyVersionId == version.Id).OrderBy(q => q.Position).ToListAsync();
        var sections = PolicyMarkdown.Sections(PolicyPages.Rendered(version.Html, version.Markdown).Html);
        var canEdit = version.Status == PolicyVersionStatus.Draft && tenant.Membership.Has(Capabilities.AuthorPolicies);
        return new QuestionsPage(policy, version, questions, sections, canEdit);
    }
}
