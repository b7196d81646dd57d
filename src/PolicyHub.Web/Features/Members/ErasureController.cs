using FluentValidation;

namespace PolicyHub.Web.Features.Members;

public sealed class EraseMemberForm
{
    public bool Confirm { get; set; }
}

public sealed class EraseMemberFormValidator : AbstractValidator<EraseMemberForm>
{
    public EraseMemberFormValidator(IStringLocalizer<SharedResource> l)
        => RuleFor(f => f.Confirm).Equal(true).WithMessage(_ => l["Confirm that this person's personal data should be erased."]);
}

public sealed record EraseMemberModel(Membership Member, int Acknowledgements, EraseMemberForm Form);

/// <summary>Erasing a former member's personal data on request (administrators; the person must be deactivated first).</summary>
[Authorize]
[Route("o/{slug}/members/{id:guid}/erase")]
[TenantRole(Capabilities.ManagePeople)]
public sealed class ErasureController(PolicyHubDbContext db, TenantContext tenant, MemberErasure erasure, IStringLocalizer<SharedResource> l) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index(Guid id)
    {
        var member = await db.Memberships.AsNoTracking().SingleOrDefaultAsync(m => m.Id == id);
        return member is null ? NotFound() : View("Erase", await ModelAsync(member, new EraseMemberForm()));
    }

    [HttpPost("")]
    public async Task<IActionResult> Erase(Guid id, EraseMemberForm form)
    {
        var member = await db.Memberships.AsNoTracking().SingleOrDefaultAsync(m => m.Id == id);
        if (member is null)
        {
            return NotFound();
        }

        if (!ModelState.IsValid)
        {
            return View("Erase", await ModelAsync(member, form));
        }

        var result = await erasure.EraseAsync(id, tenant.Actor, HttpContext.RequestAborted);
        switch (result.Outcome)
        {
            case ErasureOutcome.NotDeactivated:
                ModelState.AddModelError(string.Empty, l["Deactivate the person first: only a former member's personal data can be erased."]);
                return View("Erase", await ModelAsync(member, form));
            case ErasureOutcome.AlreadyErased:
                TempData["Status"] = l["This person's personal data had already been erased."].Value;
                break;
            default:
                TempData["Status"] = l["The personal data has been erased. The person's {0} acknowledgements remain as evidence under the pseudonym {1}.",
                    result.Acknowledgements, MemberErasure.PseudonymName(id)].Value;
                break;
        }

        return RedirectToAction(nameof(MembersController.Edit), "Members", new { slug = tenant.Tenant.Slug, id });
    }

    private async Task<EraseMemberModel> ModelAsync(Membership member, EraseMemberForm form)
        => new(member, await db.Acknowledgements.CountAsync(a => a.MembershipId == member.Id), form);
}
