using PolicyHub.ServiceDefaults.Validation;
using FluentValidation;
using PolicyHub.Core.Acknowledgements;
using PolicyHub.Core.Policies;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.ModelBinding.Validation;
using PolicyHub.Web.Features.Members;

namespace PolicyHub.Web.Features.Campaigns;

public sealed class AssignModel
{
    public bool Everyone { get; set; }
    public List<Guid> DepartmentIds { get; set; } = [];
    public List<Guid> LocationIds { get; set; } = [];
    public List<Guid> MemberIds { get; set; } = [];
    public DateTime? DueDate { get; set; }
    public int LateJoinerDays { get; set; } = 14;
    public string? ReminderDaysBefore { get; set; }
    public int OverdueReminderDays { get; set; }
    public bool EscalateToManagers { get; set; }

    /// <summary>People answer the published version's comprehension questions before they can acknowledge.</summary>
    public bool AskQuestions { get; set; }

    // Shown, not posted.
    [BindNever, ValidateNever]
    public int QuestionCount { get; set; }
    [BindNever, ValidateNever]
    public Core.Policies.Policy Policy { get; set; } = null!;
    [BindNever, ValidateNever]
    public IReadOnlyList<Choice> Departments { get; set; } = [];
    [BindNever, ValidateNever]
    public IReadOnlyList<Choice> Locations { get; set; } = [];
    /// <summary>The people already chosen (by name), for showing the form again; others are found by the search.</summary>
    [BindNever, ValidateNever]
    public IReadOnlyList<Choice> ChosenPeople { get; set; } = [];
}

public sealed class AssignModelValidator : AbstractValidator<AssignModel>
{
    public AssignModelValidator(IStringLocalizer<SharedResource> l, PolicyHubDbContext db, TimeProvider time)
    {
        RuleFor(m => m).Must(m => m.Everyone || m.DepartmentIds.Count + m.LocationIds.Count + m.MemberIds.Count > 0)
            .WithName(nameof(AssignModel.Everyone)).OverridePropertyName(nameof(AssignModel.Everyone))
            .WithMessage(_ => l["Choose who must acknowledge: everyone, departments, locations or people."]);
        RuleFor(m => m.DueDate).NotNull().WithMessage(_ => l["Choose a due date."])
            .SaneDate(l)
            .Must(d => d is null || d.Value.Date > time.GetUtcNow().UtcDateTime.Date).WithMessage(_ => l["The due date must be in the future."]);
        RuleFor(m => m.LateJoinerDays).InclusiveBetween(1, 365).WithMessage(_ => l["Choose between {0} and {1} days.", 1, 365]);
        Organisations.ReminderRules.Apply(this, m => m.ReminderDaysBefore, m => m.OverdueReminderDays, l);
        // Ids of another organisation are not found through the filter, so they fail here.
        RuleFor(m => m.DepartmentIds).MustAsync(async (ids, ct) => await db.Departments.CountAsync(d => ids.Contains(d.Id), ct) == ids.Distinct().Count())
            .WithMessage(_ => l["Choose a department from the list."]);
        RuleFor(m => m.LocationIds).MustAsync(async (ids, ct) => await db.Locations.CountAsync(d => ids.Contains(d.Id), ct) == ids.Distinct().Count())
            .WithMessage(_ => l["Choose a location from the list."]);
        RuleFor(m => m.MemberIds).MustAsync(async (ids, ct) => await db.Memberships.CountAsync(d => ids.Contains(d.Id), ct) == ids.Distinct().Count())
            .WithMessage(_ => l["Choose people from the list."]);
    }
}

/// <summary>What the assignment being chosen would ask (<see cref="AssignmentsController.Audience"/>).</summary>
public sealed record AudienceSize(bool Chosen, int People, int Acknowledged);

/// <summary>HR assigns the published version of a policy to an audience with a due date.</summary>
[Authorize]
[Route("o/{slug}/policies/{id:guid}/assign")]
public sealed class AssignmentsController(PolicyHubDbContext db, TenantContext tenant, TimeProvider time, PeopleSearch people, IStringLocalizer<SharedResource> l) : Controller
{
    [HttpGet("")]
    [TenantRole(Capabilities.AuthorPolicies)]
    public async Task<IActionResult> Assign(Guid id)
    {
        var published = await PublishedAsync(id);
        if (published is null)
        {
            return NotFound();
        }

        return View(await WithChoicesAsync(new AssignModel
        {
            Policy = published.Value.Policy,
            DueDate = time.GetUtcNow().UtcDateTime.Date.AddDays(30),
            ReminderDaysBefore = tenant.Tenant.ReminderDaysBefore.Replace(",", ", ", StringComparison.Ordinal),
            OverdueReminderDays = tenant.Tenant.OverdueReminderDays,
        }));
    }

    [HttpPost("")]
    [TenantRole(Capabilities.AuthorPolicies)]
    public async Task<IActionResult> Assign(Guid id, AssignModel model, [FromServices] AssignPolicy assign)
    {
        var published = await PublishedAsync(id);
        if (published is null)
        {
            return NotFound();
        }

        if (published.Value.Version is null)
        {
            ModelState.AddModelError(string.Empty, l["Publish a version before assigning the policy."]);
        }
        else if (model.AskQuestions && !await db.ComprehensionQuestions.AnyAsync(q => q.PolicyVersionId == published.Value.Version.Id))
        {
            ModelState.AddModelError(nameof(AssignModel.AskQuestions), l["Version {0} has no comprehension questions to ask.", published.Value.Version.Number]);
        }

        if (!ModelState.IsValid)
        {
            model.Policy = published.Value.Policy;
            return View(await WithChoicesAsync(model));
        }

        var result = await assign.AssignAsync(id, published.Value.Version!, model, HttpContext.RequestAborted);
        TempData["Status"] = Plural.Of(result.Created,
            l["The policy has been assigned: {0} person is asked to acknowledge it.", result.Created],
            l["The policy has been assigned: {0} people are asked to acknowledge it.", result.Created]).Value;
        return RedirectToAction("Details", "Policies", new { slug = tenant.Tenant.Slug, id });
    }

    /// <summary>The form's live audience size (htmx, as HR chooses): how many people it asks, and how many already acknowledged.</summary>
    [HttpPost("audience")]
    [TenantRole(Capabilities.AuthorPolicies)]
    public async Task<IActionResult> Audience(Guid id, AssignModel model, [FromServices] AssignmentReach reach)
    {
        var published = await PublishedAsync(id);
        if (published?.Version is not { } version)
        {
            return NotFound();
        }

        // A read, not a change: the form's other fields are not checked here (the Assign button does).
        var chosen = model.Everyone || model.DepartmentIds.Count + model.LocationIds.Count + model.MemberIds.Count > 0;
        var (people, acknowledged) = chosen
            ? await reach.AudienceAsync(id, version.Id, model.Everyone, model.DepartmentIds, model.LocationIds, model.MemberIds, HttpContext.RequestAborted)
            : (0, 0);
        return PartialView("_AudienceSize", new AudienceSize(chosen, people, acknowledged));
    }

    /// <summary>The people search (htmx, as HR types): a page of matching people to add to the audience.</summary>
    [HttpGet("people")]
    [TenantRole(Capabilities.AuthorPolicies)]
    public async Task<IActionResult> People(Guid id, PeopleSearchForm form)
    {
        if (!await db.Policies.AnyAsync(p => p.Id == id))
        {
            return NotFound();
        }

        if (!ModelState.IsValid)
        {
            var problem = ModelState.Values.SelectMany(v => v.Errors).Select(e => e.ErrorMessage).FirstOrDefault(m => m.Length > 0) ?? l["The value is not valid."];
            return PartialView("_PeopleMatches", new PeopleMatches(string.Empty, 1, [], false, problem));
        }

        return PartialView("_PeopleMatches", await people.SearchAsync(form.Q, form.Page, HttpContext.RequestAborted));
    }

    private async Task<(Policy Policy, PolicyVersion? Version)?> PublishedAsync(Guid id)
    {
        var policy = await db.Policies.AsNoTracking().SingleOrDefaultAsync(p => p.Id == id);
        if (policy is null)
        {
            return null;
        }

        var version = await db.PolicyVersions.AsNoTracking().SingleOrDefaultAsync(v => v.PolicyId == id && v.Status == PolicyVersionStatus.Published);
        return (policy, version);
    }

    private async Task<AssignModel> WithChoicesAsync(AssignModel model)
    {
        model.Departments = await db.Departments.AsNoTracking().OrderBy(d => d.Name).Select(d => new Choice(d.Id, d.Name)).ToListAsync();
        model.Locations = await db.Locations.AsNoTracking().OrderBy(d => d.Name).Select(d => new Choice(d.Id, d.Name)).ToListAsync();
        model.ChosenPeople = await people.NamesAsync(model.MemberIds.Distinct().ToList(), HttpContext.RequestAborted);
        model.QuestionCount = await db.ComprehensionQuestions.AsNoTracking()
            .CountAsync(q => db.PolicyVersions.Any(v => v.Id == q.PolicyVersionId && v.PolicyId == model.Policy.Id && v.Status == PolicyVersionStatus.Published));
        return model;
    }
}
