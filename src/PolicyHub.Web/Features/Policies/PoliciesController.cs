using PolicyHub.Core.Policies;
using PolicyHub.Core.Templates;

namespace PolicyHub.Web.Features.Policies;

/// <summary>HR's work on policies: the list, new policies from templates with a live preview, details, settings and diffs (retiring is PolicyRetirementController). Versions and translations have their own controllers.</summary>
[Authorize]
[Route("o/{slug}/policies")]
public sealed class PoliciesController(
    PolicyHubDbContext db,
    TenantContext tenant,
    TimeProvider time,
    PolicyDetails details,
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
        return View(new ChooseTemplatePage(BuiltInTemplates.All, await db.OrganisationTemplates.AsNoTracking().OrderBy(t => t.Title).ToListAsync()));
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
        model.Values = model.Template?.InitialValues(tenant.Tenant.Name) ?? [];

        return View(model);
    }

    [HttpPost("new/{template}/{language}")]
    [TenantRole(Capabilities.AuthorPolicies)]
    public async Task<IActionResult> Create(string template, string language, CreatePolicyModel model, [FromServices] CreatePolicy create)
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

        var policy = await create.CreateAsync(model.Title, model.Category, model.ReviewCycleMonths, language, markdown, model.Template?.Key);
        TempData["Status"] = l["The draft of {0} is ready. Edit it, then submit it for review.", policy.Title].Value;
        return RedirectToAction(nameof(PolicyDraftsController.Edit), "PolicyDrafts", new { slug = tenant.Tenant.Slug, id = policy.Id, version = 1 });
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
        var model = await details.LoadAsync(id, HttpContext.RequestAborted);
        return model is null ? NotFound() : View(model);
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

        return View(new PolicySettingsModel
        {
            Policy = policy,
            Title = policy.Title, Category = policy.Category, OwnerId = policy.OwnerId, ReviewCycleMonths = policy.ReviewCycleMonths,
            ConcurrencyStamp = policy.ConcurrencyStamp, Owners = await OwnersAsync(), Approvers = await ApproversAsync(),
            ReviewerIds = await db.PolicyReviewers.AsNoTracking().Where(r => r.PolicyId == id).Select(r => r.MembershipId).ToListAsync(),
        });
    }

    [HttpPost("{id:guid}/settings")]
    [TenantRole(Capabilities.AuthorPolicies)]
    public async Task<IActionResult> Settings(Guid id, PolicySettingsModel model, [FromServices] ChangePolicySettings change)
    {
        var policy = await db.Policies.AsNoTracking().SingleOrDefaultAsync(p => p.Id == id);
        if (policy is null)
        {
            return NotFound();
        }

        if (ModelState.IsValid)
        {
            var result = await change.ChangeAsync(id, model.Title, model.Category, model.OwnerId, model.ReviewCycleMonths, model.ConcurrencyStamp, model.ReviewerIds);
            if (result.Outcome == WorkflowOutcome.Done)
            {
                TempData["Status"] = l["The settings have been saved."].Value;
                return RedirectToAction(nameof(Details), new { slug = tenant.Tenant.Slug, id });
            }

            ModelState.AddModelError(string.Empty, l["Someone else changed these settings meanwhile. Reload the page and try again."]);
        }

        model.Policy = policy;
        model.Owners = await OwnersAsync();
        model.Approvers = await ApproversAsync();
        return View(model);
    }

    [HttpGet("{id:guid}/diff")]
    [TenantRole(Capabilities.ViewPolicies)]
    public async Task<IActionResult> Diff(Guid id, int from, int to, bool all = false, string? language = null)
    {
        var policy = await db.Policies.AsNoTracking().SingleOrDefaultAsync(p => p.Id == id);
        var versions = await db.PolicyVersions.AsNoTracking().Where(v => v.PolicyId == id && (v.Number == from || v.Number == to)).ToListAsync();
        var older = versions.SingleOrDefault(v => v.Number == from);
        var newer = versions.SingleOrDefault(v => v.Number == to);
        if (policy is null || older is null || newer is null)
        {
            return NotFound();
        }

        // A translation is compared where both versions have one; the original otherwise.
        var translations = await db.PolicyTranslations.AsNoTracking().Where(t => t.PolicyVersionId == older.Id || t.PolicyVersionId == newer.Id).ToListAsync();
        string? Text(PolicyVersion v, string lang) => lang == v.Language ? v.Markdown : translations.FirstOrDefault(t => t.PolicyVersionId == v.Id && t.Language == lang)?.Markdown;
        var languages = BuiltInTemplates.Languages.Where(lang => Text(older, lang) is not null && Text(newer, lang) is not null).ToList();
        var shown = language is not null && languages.Contains(language) ? language : newer.Language;
        return View(new DiffModel(policy, older, newer, TextDiff.Compare(Text(older, shown) ?? older.Markdown, Text(newer, shown) ?? newer.Markdown), all, shown, languages));
    }


    private async Task<IReadOnlyList<Members.Choice>> OwnersAsync()
        => await db.Memberships.AsNoTracking()
            .Where(m => m.Status == Core.Tenancy.MembershipStatus.Active && (m.Roles & Capabilities.AuthorPolicies) != 0)
            .OrderBy(m => m.DisplayName).Select(m => new Members.Choice(m.Id, m.DisplayName)).ToListAsync();

    private async Task<IReadOnlyList<Members.Choice>> ApproversAsync()
        => await db.Memberships.AsNoTracking()
            .Where(m => m.Status == Core.Tenancy.MembershipStatus.Active && (m.Roles & Capabilities.ReviewPolicies) != 0)
            .OrderBy(m => m.DisplayName).Select(m => new Members.Choice(m.Id, m.DisplayName)).ToListAsync();


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

    private string RefusalMessage(WorkflowResult result) => PolicyPages.RefusalMessage(l, result);
}
