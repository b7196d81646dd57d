using PolicyHub.Core.Text;
using PolicyHub.ServiceDefaults.Validation;
using FluentValidation;
using PolicyHub.Core.Policies;
using PolicyHub.Core.Templates;
using PolicyHub.ServiceDefaults.Localization;
using PolicyHub.Web.Features.Policies;

namespace PolicyHub.Web.Features.Templates;

public sealed class TemplateFormModel
{
    public string Title { get; set; } = string.Empty;
    public string Category { get; set; } = string.Empty;
    public string Description { get; set; } = string.Empty;
    public string Language { get; set; } = "en";
    public string Body { get; set; } = string.Empty;
    public Guid ConcurrencyStamp { get; set; }

    // Shown, not posted: the template being edited (null for a new one).
    [Microsoft.AspNetCore.Mvc.ModelBinding.BindNever, Microsoft.AspNetCore.Mvc.ModelBinding.Validation.ValidateNever]
    public Guid? Id { get; set; }
}

public sealed class TemplateFormModelValidator : AbstractValidator<TemplateFormModel>
{
    public TemplateFormModelValidator(IStringLocalizer<SharedResource> l)
    {
        RuleFor(m => m.Title).ValidName(l, Limits.Name, () => l["Enter a title."]);
        RuleFor(m => m.Category).OptionalName(l, 100);
        RuleFor(m => m.Description).ValidLongText(l, 1000);
        RuleFor(m => m.Language).Must(Cultures.IsSupported).WithMessage(_ => l["Choose English or German."]);
        RuleFor(m => m.Body).Must(TextRules.HasVisibleCharacter).WithMessage(_ => l["The template text cannot be empty."])
            .MaximumLength(TemplateRenderer.MaxBodyLength).WithMessage(_ => l["The text can have at most {0} characters.", TemplateRenderer.MaxBodyLength])
            .Must(body => Problem(body, l) is null).WithMessage((_, body) => Problem(body, l) ?? string.Empty);
    }

    /// <summary>
    /// Fills every placeholder with a sample value: what remains is a problem of the text itself — its Liquid,
    /// or the Markdown it renders to (so a saved template always gives a policy text that renders).
    /// </summary>
    private static string? Problem(string body, IStringLocalizer l)
    {
        var variables = TemplateRenderer.VariablesUsedIn(body).Select(n => new TemplateVariable(n, n, null, true, null)).ToList();
        var result = TemplateRenderer.Render(body, variables, variables.ToDictionary(v => v.Name, _ => (string?)"x"));
        if (result.Problems.Count > 0)
        {
            return TemplateMessages.Problem(l, result.Problems[0]);
        }

        var markdown = PolicyMarkdown.Check(result.Markdown!);
        return markdown == MarkdownProblem.None ? null : TextValidation.Message(l, markdown);
    }
}

/// <summary>An organisation's own templates: saved from scratch or from a policy, edited, deleted.</summary>
[Authorize]
[Route("o/{slug}/templates")]
public sealed class TemplatesController(PolicyHubDbContext db, TenantContext tenant, IStringLocalizer<SharedResource> l) : Controller
{
    [HttpGet("")]
    [TenantRole(Capabilities.AuthorPolicies)]
    public async Task<IActionResult> Index()
        => View(await db.OrganisationTemplates.AsNoTracking().OrderBy(t => t.Title).ToListAsync());

    [HttpGet("new")]
    [TenantRole(Capabilities.AuthorPolicies)]
    public IActionResult Create() => View("Edit", new TemplateFormModel
    {
        Language = System.Globalization.CultureInfo.CurrentUICulture.TwoLetterISOLanguageName,
        Body = "# {{ company_name }} …\n",
    });

    [HttpPost("new")]
    [TenantRole(Capabilities.AuthorPolicies)]
    public async Task<IActionResult> Create(TemplateFormModel model, [FromServices] CreateTemplate create)
    {
        if (!ModelState.IsValid)
        {
            return View("Edit", model);
        }

        var template = await create.CreateAsync(model.Title, model.Category, model.Description, model.Language, model.Body, null, HttpContext.RequestAborted);
        TempData["Status"] = l["The template {0} has been saved.", template.Title].Value;
        return RedirectToAction(nameof(Index), new { slug = tenant.Tenant.Slug });
    }

    [HttpGet("{id:guid}")]
    [TenantRole(Capabilities.AuthorPolicies)]
    public async Task<IActionResult> Edit(Guid id)
    {
        var template = await db.OrganisationTemplates.AsNoTracking().SingleOrDefaultAsync(t => t.Id == id);
        if (template is null)
        {
            return NotFound();
        }

        return View(new TemplateFormModel
        {
            Id = id,
            Title = template.Title, Category = template.Category, Description = template.Description, Language = template.Language,
            Body = template.Body, ConcurrencyStamp = template.ConcurrencyStamp,
        });
    }

    [HttpPost("{id:guid}")]
    [TenantRole(Capabilities.AuthorPolicies)]
    public async Task<IActionResult> Edit(Guid id, TemplateFormModel model, [FromServices] EditTemplate edit)
    {
        var template = await db.OrganisationTemplates.SingleOrDefaultAsync(t => t.Id == id);
        if (template is null)
        {
            return NotFound();
        }

        model.Id = id;
        if (ModelState.IsValid && await edit.EditAsync(template, model, HttpContext.RequestAborted) is { } problem)
        {
            ModelState.AddModelError(string.Empty, problem);
        }

        if (!ModelState.IsValid)
        {
            return View(model);
        }

        TempData["Status"] = l["The template {0} has been saved.", template.Title].Value;
        return RedirectToAction(nameof(Index), new { slug = tenant.Tenant.Slug });
    }

    [HttpPost("{id:guid}/delete")]
    [TenantRole(Capabilities.AuthorPolicies)]
    public async Task<IActionResult> Delete(Guid id, [FromServices] DeleteTemplate delete)
    {
        if (!await delete.DeleteAsync(id, HttpContext.RequestAborted))
        {
            return NotFound();
        }

        TempData["Status"] = l["The template has been deleted."].Value;
        return RedirectToAction(nameof(Index), new { slug = tenant.Tenant.Slug });
    }

    /// <summary>Saves the latest text of a policy as a template of the organisation.</summary>
    [HttpPost("~/o/{slug}/policies/{id:guid}/save-as-template")]
    [TenantRole(Capabilities.AuthorPolicies)]
    public async Task<IActionResult> SaveFromPolicy(Guid id, [FromServices] CreateTemplate create)
    {
        var policy = await db.Policies.AsNoTracking().SingleOrDefaultAsync(p => p.Id == id);
        var latest = await db.PolicyVersions.AsNoTracking().Where(v => v.PolicyId == id).OrderByDescending(v => v.Number).FirstOrDefaultAsync();
        if (policy is null || latest is null)
        {
            return NotFound();
        }

        var template = await create.CreateAsync(policy.Title, policy.Category, string.Empty, latest.Language, latest.Markdown, id, HttpContext.RequestAborted);
        TempData["Status"] = l["The template {0} has been saved.", template.Title].Value;
        return RedirectToAction(nameof(Edit), new { slug = tenant.Tenant.Slug, id = template.Id });
    }
}
