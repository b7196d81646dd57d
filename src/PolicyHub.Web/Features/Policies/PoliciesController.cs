using PolicyHub.Core.Tenancy;
using DiffPlex;
using DiffPlex.DiffBuilder;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using PolicyHub.Core.Policies;
using PolicyHub.Core.Templates;
using PolicyHub.Data.Web;
using PolicyHub.Web.Features.Tenancy;

namespace PolicyHub.Web.Features.Policies;

/// <summary>HR's work: policies from templates, drafts with a live preview, review, publishing, versions and diffs.</summary>
[Authorize]
[Route("o/{slug}/policies")]
public sealed class PoliciesController(
    PolicyHubDbContext db,
    TenantContext tenant,
    PolicyWorkflow workflow,
    TimeProvider time,
    IStringLocalizer<SharedResource> l) : Controller
{

    [HttpGet("")]
    [TenantRole(Capabilities.ViewPolicies)]
    public async Task<IActionResult> Index(bool due = false)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var policies = db.Policies.AsNoTracking();
        if (due)
        {
            // Due for review within the next 30 days (or overdue).
            var horizon = now.AddDays(30);
            policies = policies.Where(p => p.Status == PolicyStatus.Active && p.NextReviewAt != null && p.NextReviewAt <= horizon);
        }

        var rows = await policies.OrderBy(p => p.Status).ThenBy(p => p.Title)
            .Select(p => new PolicyRow(p.Id, p.Title, p.Category, p.Status,
                db.PolicyVersions.Where(v => v.PolicyId == p.Id && v.Status == PolicyVersionStatus.Published).Select(v => (int?)v.Number).FirstOrDefault(),
                db.PolicyVersions.Where(v => v.PolicyId == p.Id && v.Status < PolicyVersionStatus.Published).Select(v => (PolicyVersionStatus?)v.Status).FirstOrDefault(),
                p.NextReviewAt))
            .ToListAsync();
        return View(new PolicyListModel(rows, due, tenant.Membership.Has(Capabilities.AuthorPolicies), now));
    }

    [HttpGet("new")]
    [TenantRole(Capabilities.AuthorPolicies)]
    public async Task<IActionResult> ChooseTemplate()
    {
        ViewData["OrganisationTemplates"] = await db.OrganisationTemplates.AsNoTracking().OrderBy(t => t.Title).ToListAsync();
        return View(BuiltInTemplates.All);
    }

    [HttpGet("new/{template}/{language}")]
    [TenantRole(Capabilities.AuthorPolicies)]
    public async Task<IActionResult> Create(string template, string language)
    {
        var model = new CreatePolicyModel { Language = language };
        if (!await PrepareAsync(model, template, language))
        {
            return NotFound();
        }

        model.Title = model.Template?.Title ?? string.Empty;
        model.Category = model.Template?.Category ?? string.Empty;
        foreach (var variable in model.Template?.Variables ?? [])
        {
            model.Values[variable.Name] = variable.Default;
        }

        return View(model);
    }

    [HttpPost("new/{template}/{language}")]
    [TenantRole(Capabilities.AuthorPolicies)]
    public async Task<IActionResult> Create(string template, string language, CreatePolicyModel model)
    {
        if (!await PrepareAsync(model, template, language))
        {
            return NotFound();
        }

        var markdown = $"# {model.Title}\n\n";
        if (model.Template is { } chosen)
        {
            var rendered = TemplateRenderer.Render(chosen, model.Values);
            foreach (var problem in rendered.Problems)
            {
                var label = chosen.Variables.FirstOrDefault(v => v.Name == problem.Variable)?.Label ?? problem.Variable ?? string.Empty;
                ModelState.AddModelError(problem.Variable is null ? string.Empty : $"Values[{problem.Variable}]", Templates.TemplateMessages.Problem(l, problem, label));
            }

            markdown = rendered.Markdown ?? string.Empty;
            if (rendered.Succeeded && PolicyMarkdown.Check(markdown) is var markdownProblem and not MarkdownProblem.None)
            {
                ModelState.AddModelError(string.Empty, ServiceDefaults.Validation.TextValidation.Message(l, markdownProblem));
            }
        }

        if (!ModelState.IsValid)
        {
            return View(model);
        }

        var policy = await workflow.CreateAsync(model.Title, model.Category, model.ReviewCycleMonths, language, markdown, model.Template?.Key);
        TempData["Status"] = l["The draft of {0} is ready. Edit it, then submit it for review.", policy.Title].Value;
        return RedirectToAction(nameof(Edit), new { slug = tenant.Tenant.Slug, id = policy.Id, version = 1 });
    }

    /// <summary>The live preview: the same sanitizing pipeline as publishing, for the text being typed.</summary>
    [HttpPost("preview")]
    [TenantRole(Capabilities.AuthorPolicies)]
    public IActionResult Preview([FromForm] string? markdown)
        => PartialView("_Preview", PolicyMarkdown.Render(markdown ?? string.Empty));

    [HttpGet("{id:guid}")]
    [TenantRole(Capabilities.ViewPolicies)]
    public async Task<IActionResult> Details(Guid id)
    {
        var model = await DetailsAsync(id);
        return model is null ? NotFound() : View(model);
    }

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
        ViewData["Text"] = translation is not null ? Rendered(translation.Html, translation.Markdown) : Rendered(text.Html, text.Markdown);
        ViewData["ShownLanguage"] = translation?.Language ?? text.Language;
        ViewData["ShownHash"] = translation is not null ? translation.ContentHash : text.ContentHash;
        ViewData["Languages"] = translations.Select(t => t.Language).Prepend(text.Language).ToList();
        ViewData["Policy"] = policy;
        return View(text);
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
            return RedirectToAction(nameof(Details), new { slug = tenant.Tenant.Slug, id });
        }

        await PrepareEditAsync(id, draft, draft.Markdown);
        if (PolicyMarkdown.Check(draft.Markdown) is var problem and not MarkdownProblem.None)
        {
            // A draft saved before the limits existed opens with the reason, so its author can repair it.
            ModelState.AddModelError(nameof(EditDraftModel.Markdown), ServiceDefaults.Validation.TextValidation.Message(l, problem));
        }

        return View(new EditDraftModel { Markdown = draft.Markdown, ChangeSummary = draft.ChangeSummary, IsMaterialChange = draft.IsMaterialChange, ConcurrencyStamp = draft.ConcurrencyStamp });
    }

    [HttpPost("{id:guid}/versions/{version:int}/edit")]
    [TenantRole(Capabilities.AuthorPolicies)]
    public async Task<IActionResult> Edit(Guid id, int version, EditDraftModel model)
    {
        var draft = await db.PolicyVersions.AsNoTracking().SingleOrDefaultAsync(v => v.PolicyId == id && v.Number == version);
        if (draft is null)
        {
            return NotFound();
        }

        if (ModelState.IsValid)
        {
            var result = await workflow.SaveDraftAsync(id, version, model.Markdown, model.ChangeSummary, model.IsMaterialChange, model.ConcurrencyStamp);
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

        await PrepareEditAsync(id, draft, model.Markdown);
        return View(model);
    }

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
        await PrepareTranslateAsync(id, draft, language);
        return View(new TranslationModel { Markdown = existing?.Markdown ?? draft.Markdown });
    }

    [HttpPost("{id:guid}/versions/{version:int}/translations/{language}")]
    [TenantRole(Capabilities.AuthorPolicies)]
    public async Task<IActionResult> Translate(Guid id, int version, string language, TranslationModel model)
    {
        var draft = await TranslationTargetAsync(id, version, language);
        if (draft is null)
        {
            return NotFound();
        }

        if (ModelState.IsValid)
        {
            var result = await workflow.SaveTranslationAsync(id, version, language, model.Markdown);
            if (result.Outcome == WorkflowOutcome.Done)
            {
                TempData["Status"] = l["The translation has been saved."].Value;
                return RedirectToAction(nameof(Edit), new { slug = tenant.Tenant.Slug, id, version });
            }

            ModelState.AddModelError(string.Empty, RefusalMessage(result));
            Response.StatusCode = StatusCodes.Status409Conflict;
        }

        await PrepareTranslateAsync(id, draft, language);
        return View(model);
    }

    [HttpPost("{id:guid}/versions/{version:int}/translations/{language}/delete")]
    [TenantRole(Capabilities.AuthorPolicies)]
    public async Task<IActionResult> DeleteTranslation(Guid id, int version, string language)
    {
        var result = await workflow.DeleteTranslationAsync(id, version, language);
        if (result.Outcome == WorkflowOutcome.NotFound)
        {
            return NotFound();
        }

        TempData[result.Outcome == WorkflowOutcome.Done ? "Status" : "Error"] = result.Outcome == WorkflowOutcome.Done
            ? l["The translation has been removed."].Value : RefusalMessage(result);
        return RedirectToAction(nameof(Edit), new { slug = tenant.Tenant.Slug, id, version });
    }

    [HttpPost("{id:guid}/versions/{version:int}/submit")]
    [TenantRole(Capabilities.AuthorPolicies)]
    public Task<IActionResult> Submit(Guid id, int version) => TransitionAsync(id, version, PolicyAction.Submit, l["Version {0} has been submitted for review.", version]);

    [HttpPost("{id:guid}/versions/{version:int}/approve")]
    [TenantRole(Capabilities.ReviewPolicies)]
    public Task<IActionResult> Approve(Guid id, int version) => TransitionAsync(id, version, PolicyAction.Approve, l["Version {0} has been approved and can be published.", version]);

    [HttpPost("{id:guid}/versions/{version:int}/reject")]
    [TenantRole(Capabilities.ReviewPolicies)]
    public async Task<IActionResult> Reject(Guid id, int version, RejectModel model)
    {
        if (!await db.PolicyVersions.AnyAsync(v => v.PolicyId == id && v.Number == version))
        {
            return NotFound();
        }

        if (!ModelState.IsValid)
        {
            TempData["Error"] = string.Join(" ", ModelState.Values.SelectMany(v => v.Errors).Select(e => e.ErrorMessage));
            return RedirectToAction(nameof(Details), new { slug = tenant.Tenant.Slug, id });
        }

        return await TransitionAsync(id, version, PolicyAction.Reject, l["Version {0} has gone back to its author.", version], model.Reason);
    }

    [HttpPost("{id:guid}/versions/{version:int}/publish")]
    [TenantRole(Capabilities.AuthorPolicies)]
    public Task<IActionResult> Publish(Guid id, int version) => TransitionAsync(id, version, PolicyAction.Publish, l["Version {0} is published.", version]);

    [HttpPost("{id:guid}/versions")]
    [TenantRole(Capabilities.AuthorPolicies)]
    public async Task<IActionResult> NewVersion(Guid id, NewVersionModel model)
    {
        if (!await db.Policies.AnyAsync(p => p.Id == id))
        {
            return NotFound();
        }

        if (!ModelState.IsValid)
        {
            TempData["Error"] = string.Join(" ", ModelState.Values.SelectMany(v => v.Errors).Select(e => e.ErrorMessage));
            return RedirectToAction(nameof(Details), new { slug = tenant.Tenant.Slug, id });
        }

        var (result, number) = await workflow.NewVersionAsync(id, model.ChangeSummary, model.IsMaterialChange);
        if (result.Outcome == WorkflowOutcome.NotFound)
        {
            return NotFound();
        }

        if (result.Outcome != WorkflowOutcome.Done)
        {
            TempData["Error"] = RefusalMessage(result);
            return RedirectToAction(nameof(Details), new { slug = tenant.Tenant.Slug, id });
        }

        TempData["Status"] = l["Version {0} has been started from the latest text.", number].Value;
        return RedirectToAction(nameof(Edit), new { slug = tenant.Tenant.Slug, id, version = number });
    }

    [HttpGet("{id:guid}/settings")]
    [TenantRole(Capabilities.AuthorPolicies)]
    public async Task<IActionResult> Settings(Guid id)
    {
        var policy = await db.Policies.AsNoTracking().SingleOrDefaultAsync(p => p.Id == id);
        if (policy is null)
        {
            return NotFound();
        }

        ViewData["Policy"] = policy;
        return View(new PolicySettingsModel
        {
            Title = policy.Title, Category = policy.Category, OwnerId = policy.OwnerId, ReviewCycleMonths = policy.ReviewCycleMonths,
            ConcurrencyStamp = policy.ConcurrencyStamp, Owners = await OwnersAsync(),
        });
    }

    [HttpPost("{id:guid}/settings")]
    [TenantRole(Capabilities.AuthorPolicies)]
    public async Task<IActionResult> Settings(Guid id, PolicySettingsModel model)
    {
        var policy = await db.Policies.AsNoTracking().SingleOrDefaultAsync(p => p.Id == id);
        if (policy is null)
        {
            return NotFound();
        }

        if (ModelState.IsValid)
        {
            var result = await workflow.UpdateSettingsAsync(id, model.Title, model.Category, model.OwnerId, model.ReviewCycleMonths, model.ConcurrencyStamp);
            if (result.Outcome == WorkflowOutcome.Done)
            {
                TempData["Status"] = l["The settings have been saved."].Value;
                return RedirectToAction(nameof(Details), new { slug = tenant.Tenant.Slug, id });
            }

            ModelState.AddModelError(string.Empty, l["Someone else changed these settings meanwhile. Reload the page and try again."]);
        }

        ViewData["Policy"] = policy;
        model.Owners = await OwnersAsync();
        return View(model);
    }

    [HttpPost("{id:guid}/retire")]
    [TenantRole(Capabilities.AuthorPolicies)]
    public async Task<IActionResult> Retire(Guid id)
    {
        var result = await workflow.RetireAsync(id);
        if (result.Outcome == WorkflowOutcome.NotFound)
        {
            return NotFound();
        }

        TempData[result.Outcome == WorkflowOutcome.Done ? "Status" : "Error"] = result.Outcome == WorkflowOutcome.Done ? l["The policy has been retired."].Value : RefusalMessage(result);
        return RedirectToAction(nameof(Details), new { slug = tenant.Tenant.Slug, id });
    }

    [HttpGet("{id:guid}/diff")]
    [TenantRole(Capabilities.ViewPolicies)]
    public async Task<IActionResult> Diff(Guid id, int from, int to)
    {
        var policy = await db.Policies.AsNoTracking().SingleOrDefaultAsync(p => p.Id == id);
        var versions = await db.PolicyVersions.AsNoTracking().Where(v => v.PolicyId == id && (v.Number == from || v.Number == to)).ToListAsync();
        var older = versions.SingleOrDefault(v => v.Number == from);
        var newer = versions.SingleOrDefault(v => v.Number == to);
        if (policy is null || older is null || newer is null)
        {
            return NotFound();
        }

        var differ = new Differ();
        return View(new DiffModel(policy, older, newer,
            new SideBySideDiffBuilder(differ).BuildDiffModel(older.Markdown, newer.Markdown),
            new InlineDiffBuilder(differ).BuildDiffModel(older.Markdown, newer.Markdown)));
    }

    private async Task<IActionResult> TransitionAsync(Guid id, int version, PolicyAction action, LocalizedString done, string? reason = null)
    {
        var result = await workflow.TransitionAsync(id, version, action, reason);
        if (result.Outcome == WorkflowOutcome.NotFound)
        {
            return NotFound();
        }

        TempData[result.Outcome == WorkflowOutcome.Done ? "Status" : "Error"] = result.Outcome == WorkflowOutcome.Done ? done.Value : RefusalMessage(result);
        return RedirectToAction(nameof(Details), new { slug = tenant.Tenant.Slug, id });
    }

    private async Task<IReadOnlyList<Members.Choice>> OwnersAsync()
        => await db.Memberships.AsNoTracking()
            .Where(m => m.Status == Core.Tenancy.MembershipStatus.Active && (m.Roles & Capabilities.AuthorPolicies) != 0)
            .OrderBy(m => m.DisplayName).Select(m => new Members.Choice(m.Id, m.DisplayName)).ToListAsync();

    private string RefusalMessage(WorkflowResult result) => (result.Outcome, result.Refusal) switch
    {
        (WorkflowOutcome.OpenVersionExists, _) => l["Finish or publish the version in progress before starting another."],
        (_, LifecycleRefusal.OwnDraft) => l["Four-eyes approval is on: someone other than the author must approve this version."],
        (_, LifecycleRefusal.WrongRole) => l["Your roles do not allow this step."],
        (_, LifecycleRefusal.TextCannotBeRendered) => l["The text or one of its translations cannot be shown: it is too long, nested too deeply or contains control characters. Open the draft to see why and repair it."],
        _ => l["This step is not possible in the version's current state."],
    };

    /// <summary>Finds the template: "blank", a built-in key, or the id of one of the organisation's own templates.</summary>
    private async Task<bool> PrepareAsync(CreatePolicyModel model, string template, string language)
    {
        if (!BuiltInTemplates.Languages.Contains(language))
        {
            return false;
        }

        model.Language = language;
        if (template == "blank")
        {
            model.Template = null;
            return true;
        }

        if (Guid.TryParse(template, out var id))
        {
            var own = await db.OrganisationTemplates.AsNoTracking().SingleOrDefaultAsync(t => t.Id == id && t.Language == language);
            model.Template = own?.ToPolicyTemplate();
        }
        else
        {
            model.Template = BuiltInTemplates.Find(template, language);
        }

        return model.Template is not null;
    }

    /// <summary>A version of this organisation's policy and a supported language other than its own, or null (404).</summary>
    private async Task<PolicyVersion?> TranslationTargetAsync(Guid id, int version, string language)
    {
        var draft = await db.PolicyVersions.AsNoTracking().SingleOrDefaultAsync(v => v.PolicyId == id && v.Number == version);
        return draft is not null && BuiltInTemplates.Languages.Contains(language) && language != draft.Language ? draft : null;
    }

    private async Task PrepareTranslateAsync(Guid id, PolicyVersion draft, string language)
    {
        ViewData["Policy"] = await db.Policies.AsNoTracking().SingleAsync(p => p.Id == id);
        ViewData["Version"] = draft;
        ViewData["Language"] = language;
        ViewData["Original"] = Rendered(draft.Html, draft.Markdown);
    }

    private async Task PrepareEditAsync(Guid id, PolicyVersion draft, string markdown)
    {
        ViewData["Translations"] = await db.PolicyTranslations.AsNoTracking().Where(t => t.PolicyVersionId == draft.Id).Select(t => t.Language).ToListAsync();
        ViewData["Policy"] = await db.Policies.AsNoTracking().SingleAsync(p => p.Id == id);
        ViewData["Version"] = draft;
        ViewData["Preview"] = PolicyMarkdown.Render(markdown ?? string.Empty);
    }

    /// <summary>The HTML made when the text was published, or the text rendered now (a draft, which may break the limits).</summary>
    private static MarkdownRendering Rendered(string? html, string markdown) => html is not null ? new(html, MarkdownProblem.None) : PolicyMarkdown.Render(markdown);

    private async Task<PolicyDetailsModel?> DetailsAsync(Guid id)
    {
        var policy = await db.Policies.AsNoTracking().SingleOrDefaultAsync(p => p.Id == id);
        if (policy is null)
        {
            return null;
        }

        var versions = await db.PolicyVersions.AsNoTracking().Where(v => v.PolicyId == id).OrderByDescending(v => v.Number).ToListAsync();
        var ids = versions.SelectMany(v => new[] { v.AuthorId, v.ApproverId, v.PublisherId }).Append(policy.OwnerId).OfType<Guid>().Distinct().ToList();
        var people = await db.Memberships.AsNoTracking().Where(m => ids.Contains(m.Id)).ToDictionaryAsync(m => m.Id, m => m.DisplayName);
        // Counts per assignment and status in one grouped query (no per-person work).
        var counts = await db.AcknowledgementRequests.AsNoTracking()
            .Where(r => db.Assignments.Any(a => a.Id == r.AssignmentId && a.PolicyId == id))
            .GroupBy(r => new { r.AssignmentId, r.Status }).Select(g => new { g.Key.AssignmentId, g.Key.Status, Count = g.Count() }).ToListAsync();
        var assignments = (await db.Assignments.AsNoTracking().Where(a => a.PolicyId == id).OrderByDescending(a => a.CreatedAt)
                .Select(a => new { a.Id, a.PolicyVersionId, a.Everyone, Targets = a.Targets.Count, a.DueAt, a.Status }).ToListAsync())
            .Select(a => new AssignmentRow(a.Id, versions.FirstOrDefault(v => v.Id == a.PolicyVersionId)?.Number ?? 0, a.Everyone, a.Targets, a.DueAt, a.Status,
                Count(a.Id, Core.Acknowledgements.RequestStatus.Open), Count(a.Id, Core.Acknowledgements.RequestStatus.Acknowledged), Count(a.Id, Core.Acknowledgements.RequestStatus.Withdrawn)))
            .ToList();
        return new PolicyDetailsModel(policy, versions, people, tenant.Tenant.FourEyesApproval, assignments);

        int Count(Guid assignment, Core.Acknowledgements.RequestStatus status)
            => counts.Where(c => c.AssignmentId == assignment && c.Status == status).Sum(c => c.Count);
    }
}
