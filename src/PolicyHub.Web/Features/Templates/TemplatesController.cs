using PolicyHub.Core.Text;
using PolicyHub.ServiceDefaults.Validation;
using System.Text.Json.Nodes;
using FluentValidation;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using PolicyHub.Core.Policies;
using PolicyHub.Core.Templates;
using PolicyHub.Data.Database;
using PolicyHub.Data.Web;
using PolicyHub.ServiceDefaults.Localization;
using PolicyHub.Web.Features.Policies;
using PolicyHub.Web.Features.Tenancy;

namespace PolicyHub.Web.Features.Templates;

public sealed class TemplateFormModel
{
    public string Title { get; set; } = string.Empty;
    public string Category { get; set; } = string.Empty;
    public string Description { get; set; } = string.Empty;
    public string Language { get; set; } = "en";
    public string Body { get; set; } = string.Empty;
    public Guid ConcurrencyStamp { get; set; }
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
public sealed class TemplatesController(PolicyHubDbContext db, TenantContext tenant, TimeProvider time, IStringLocalizer<SharedResource> l) : Controller
{
    [HttpGet("")]
    [TenantRole(PolicyLifecycle.Authors)]
    public async Task<IActionResult> Index()
        => View(await db.OrganisationTemplates.AsNoTracking().OrderBy(t => t.Title).ToListAsync());

    [HttpGet("new")]
    [TenantRole(PolicyLifecycle.Authors)]
    public IActionResult Create() => View("Edit", new TemplateFormModel
    {
        Language = System.Globalization.CultureInfo.CurrentUICulture.TwoLetterISOLanguageName,
        Body = "# {{ company_name }} …\n",
    });

    [HttpPost("new")]
    [TenantRole(PolicyLifecycle.Authors)]
    public async Task<IActionResult> Create(TemplateFormModel model)
    {
        if (!ModelState.IsValid)
        {
            return View("Edit", model);
        }

        var template = await SaveNewAsync(model.Title, model.Category, model.Description, model.Language, model.Body, null);
        TempData["Status"] = l["The template {0} has been saved.", template.Title].Value;
        return RedirectToAction(nameof(Index), new { slug = tenant.Tenant.Slug });
    }

    [HttpGet("{id:guid}")]
    [TenantRole(PolicyLifecycle.Authors)]
    public async Task<IActionResult> Edit(Guid id)
    {
        var template = await db.OrganisationTemplates.AsNoTracking().SingleOrDefaultAsync(t => t.Id == id);
        if (template is null)
        {
            return NotFound();
        }

        ViewData["Id"] = id;
        return View(new TemplateFormModel
        {
            Title = template.Title, Category = template.Category, Description = template.Description, Language = template.Language,
            Body = template.Body, ConcurrencyStamp = template.ConcurrencyStamp,
        });
    }

    [HttpPost("{id:guid}")]
    [TenantRole(PolicyLifecycle.Authors)]
    public async Task<IActionResult> Edit(Guid id, TemplateFormModel model)
    {
        var template = await db.OrganisationTemplates.SingleOrDefaultAsync(t => t.Id == id);
        if (template is null)
        {
            return NotFound();
        }

        ViewData["Id"] = id;
        if (!ModelState.IsValid)
        {
            return View(model);
        }

        try
        {
            await db.InTransactionAsync(async ct =>
            {
                db.Entry(template).Property(t => t.ConcurrencyStamp).OriginalValue = model.ConcurrencyStamp;
                template.Title = TextRules.NormalizeName(model.Title)!;
                template.Category = TextRules.NormalizeName(model.Category) ?? string.Empty;
                template.Description = model.Description?.Trim() ?? string.Empty;
                template.Language = model.Language;
                template.Body = ContentHash.Normalize(model.Body);
                template.UpdatedAt = time.GetUtcNow().UtcDateTime;
                template.ConcurrencyStamp = Guid.NewGuid();
                db.Audit(TemplateAuditActions.Updated, nameof(OrganisationTemplate), id.ToString(), tenant.Actor);
                return await db.SaveChangesAsync(ct);
            });
        }
        catch (DbUpdateConcurrencyException)
        {
            ModelState.AddModelError(string.Empty, l["Someone else changed this template meanwhile. Reload the page and try again."]);
            return View(model);
        }

        TempData["Status"] = l["The template {0} has been saved.", template.Title].Value;
        return RedirectToAction(nameof(Index), new { slug = tenant.Tenant.Slug });
    }

    [HttpPost("{id:guid}/delete")]
    [TenantRole(PolicyLifecycle.Authors)]
    public async Task<IActionResult> Delete(Guid id)
    {
        var template = await db.OrganisationTemplates.SingleOrDefaultAsync(t => t.Id == id);
        if (template is null)
        {
            return NotFound();
        }

        await db.InTransactionAsync(async ct =>
        {
            db.OrganisationTemplates.Remove(template);
            db.Audit(TemplateAuditActions.Deleted, nameof(OrganisationTemplate), id.ToString(), tenant.Actor);
            return await db.SaveChangesAsync(ct);
        });
        TempData["Status"] = l["The template has been deleted."].Value;
        return RedirectToAction(nameof(Index), new { slug = tenant.Tenant.Slug });
    }

    /// <summary>Saves the latest text of a policy as a template of the organisation.</summary>
    [HttpPost("~/o/{slug}/policies/{id:guid}/save-as-template")]
    [TenantRole(PolicyLifecycle.Authors)]
    public async Task<IActionResult> SaveFromPolicy(Guid id)
    {
        var policy = await db.Policies.AsNoTracking().SingleOrDefaultAsync(p => p.Id == id);
        var latest = await db.PolicyVersions.AsNoTracking().Where(v => v.PolicyId == id).OrderByDescending(v => v.Number).FirstOrDefaultAsync();
        if (policy is null || latest is null)
        {
            return NotFound();
        }

        var template = await SaveNewAsync(policy.Title, policy.Category, string.Empty, latest.Language, latest.Markdown, id);
        TempData["Status"] = l["The template {0} has been saved.", template.Title].Value;
        return RedirectToAction(nameof(Edit), new { slug = tenant.Tenant.Slug, id = template.Id });
    }

    private async Task<OrganisationTemplate> SaveNewAsync(string title, string? category, string? description, string language, string body, Guid? fromPolicy)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var template = new OrganisationTemplate
        {
            Title = TextRules.NormalizeName(title)!, Category = TextRules.NormalizeName(category) ?? string.Empty, Description = description?.Trim() ?? string.Empty, Language = language,
            Body = ContentHash.Normalize(body), CreatedAt = now, UpdatedAt = now,
        };
        await db.InTransactionAsync(async ct =>
        {
            db.OrganisationTemplates.Add(template);
            db.Audit(TemplateAuditActions.Created, nameof(OrganisationTemplate), template.Id.ToString(), tenant.Actor,
                new JsonObject { ["fromPolicy"] = fromPolicy?.ToString(), ["language"] = language });
            return await db.SaveChangesAsync(ct);
        });
        return template;
    }
}

/// <summary>The audit actions of organisation templates (documented in docs/audit-verification.md).</summary>
public static class TemplateAuditActions
{
    public const string Created = "template.created";
    public const string Updated = "template.updated";
    public const string Deleted = "template.deleted";
}
