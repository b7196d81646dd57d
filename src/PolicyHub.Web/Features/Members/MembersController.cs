using PolicyHub.Core.Text;

namespace PolicyHub.Web.Features.Members;

/// <summary>The people of an organisation: list, invite, edit roles/department/location, deactivate.</summary>
[Authorize]
[Route("o/{slug}/members")]
public sealed class MembersController(
    PolicyHubDbContext db,
    TenantContext tenant,
    ServiceDefaults.Security.PublicOrigin origin,
    IStringLocalizer<SharedResource> l) : Controller
{
    public const int PageSize = 25;

    [HttpGet("")]
    [TenantRole(Capabilities.ViewMembers)]
    public async Task<IActionResult> Index(MemberListQuery query)
    {
        var members = db.Memberships.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(query.Q))
        {
            var pattern = "%" + query.Q.Trim().Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal) + "%";
            members = members.Where(m => EF.Functions.Like(m.DisplayName, pattern, "\\") || EF.Functions.Like(m.Email, pattern, "\\"));
        }

        if (query.Role is { } role and not TenantRoles.None)
        {
            members = members.Where(m => (m.Roles & role) != 0);
        }

        if (query.Department is { } department)
        {
            members = members.Where(m => m.DepartmentId == department);
        }

        if (query.Location is { } location)
        {
            members = members.Where(m => m.LocationId == location);
        }

        if (query.Status is { } status)
        {
            members = members.Where(m => m.Status == status);
        }

        var total = await members.CountAsync();
        query.Page = Math.Clamp(query.Page, 1, Math.Max(1, (total + PageSize - 1) / PageSize));
        var rows = await members.OrderBy(m => m.DisplayName).ThenBy(m => m.Email)
            .Skip((query.Page - 1) * PageSize).Take(PageSize)
            .Select(m => new MemberRow(m.Id, m.DisplayName, m.Email, m.Roles,
                m.Department == null ? null : m.Department.Name, m.Location == null ? null : m.Location.Name, m.Status))
            .ToListAsync();
        return View(new MemberListModel(query, rows, total, PageSize, await DepartmentsAsync(), await LocationsAsync(),
            tenant.Membership.Has(Capabilities.ManagePeople)));
    }

    [HttpGet("invite")]
    [TenantRole(Capabilities.ManagePeople)]
    public async Task<IActionResult> Invite() => View(await WithOptionsAsync(new InviteMemberModel()));

    [HttpPost("invite")]
    [TenantRole(Capabilities.ManagePeople)]
    public async Task<IActionResult> Invite(InviteMemberModel model, [FromServices] InviteMember invite)
    {
        if (ModelState.IsValid)
        {
            var result = await invite.InviteAsync(model, ApplicationUrl(), HttpContext.RequestAborted);
            if (result.Done)
            {
                TempData["Status"] = l["{0} has been invited by email.", model.Email.Trim()].Value;
                return RedirectToAction(nameof(Index), new { slug = tenant.Tenant.Slug });
            }

            ModelState.AddModelError(result.Field, result.Problem!);
        }

        return View(await WithOptionsAsync(model));
    }

    [HttpGet("{id:guid}")]
    [TenantRole(Capabilities.ManagePeople)]
    public async Task<IActionResult> Edit(Guid id)
    {
        var member = await db.Memberships.AsNoTracking().SingleOrDefaultAsync(m => m.Id == id);
        if (member is null)
        {
            return NotFound();
        }

        return View(await WithOptionsAsync(new EditMemberModel
        {
            Id = member.Id,
            Email = member.Email,
            DisplayName = member.DisplayName,
            Roles = [.. TenantRoleList.Split(member.Roles)],
            DepartmentId = member.DepartmentId,
            LocationId = member.LocationId,
            ManagerEmail = member.ManagerEmail,
            Status = member.Status,
            ErasedAt = member.ErasedAt,
            DeclinedAt = member.DeclinedAt,
            ConcurrencyStamp = member.ConcurrencyStamp,
        }));
    }

    [HttpPost("{id:guid}")]
    [TenantRole(Capabilities.ManagePeople)]
    public async Task<IActionResult> Edit(Guid id, EditMemberModel model, [FromServices] EditMember edit)
    {
        var member = await db.Memberships.AsNoTracking().SingleOrDefaultAsync(m => m.Id == id);
        if (member is null)
        {
            return NotFound();
        }

        // Shown, not posted back: from the stored person.
        (model.Id, model.Email, model.Status, model.ErasedAt, model.DeclinedAt) = (id, member.Email, member.Status, member.ErasedAt, member.DeclinedAt);
        if (ModelState.IsValid)
        {
            var result = await edit.EditAsync(id, model, HttpContext.RequestAborted);
            if (result.Done)
            {
                TempData["Status"] = l["The changes for {0} have been saved.", result.Member!.DisplayName].Value;
                return RedirectToAction(nameof(Index), new { slug = tenant.Tenant.Slug });
            }

            ModelState.AddModelError(result.Field, result.Problem ?? string.Empty);
        }

        return View(await WithOptionsAsync(model));
    }

    [HttpPost("{id:guid}/deactivate")]
    [TenantRole(Capabilities.ManagePeople)]
    public async Task<IActionResult> Deactivate(Guid id, [FromServices] ChangeMemberStatus change)
    {
        var result = await change.DeactivateAsync(id, HttpContext.RequestAborted);
        if (!result.Found)
        {
            return NotFound();
        }

        if (!result.Done)
        {
            // Already deactivated (no message), or the last administrator.
            if (result.Problem is { Length: > 0 } problem)
            {
                TempData["Error"] = problem;
            }

            return RedirectToAction(nameof(Edit), new { slug = tenant.Tenant.Slug, id });
        }

        TempData["Status"] = l["{0} has been deactivated and can no longer sign in to this organisation. Their history is kept.", result.Member!.DisplayName].Value;
        return RedirectToAction(nameof(Index), new { slug = tenant.Tenant.Slug });
    }

    [HttpPost("{id:guid}/reactivate")]
    [TenantRole(Capabilities.ManagePeople)]
    public async Task<IActionResult> Reactivate(Guid id, [FromServices] ChangeMemberStatus change)
    {
        var result = await change.ReactivateAsync(id, HttpContext.RequestAborted);
        if (!result.Found)
        {
            return NotFound();
        }

        if (result.Done)
        {
            TempData["Status"] = l["{0} has been reactivated.", result.Member!.DisplayName].Value;
        }
        else if (result.Problem is { Length: > 0 } problem)
        {
            TempData["Error"] = problem;
        }

        return RedirectToAction(nameof(Index), new { slug = tenant.Tenant.Slug });
    }

    [HttpPost("{id:guid}/resend-invitation")]
    [TenantRole(Capabilities.ManagePeople)]
    public async Task<IActionResult> ResendInvitation(Guid id, [FromServices] ResendInvitation resend)
    {
        var result = await resend.ResendAsync(id, ApplicationUrl(), HttpContext.RequestAborted);
        if (!result.Found)
        {
            return NotFound();
        }

        if (result.Done)
        {
            TempData["Status"] = l["The invitation to {0} has been sent again.", result.Member!.Email].Value;
        }

        return RedirectToAction(nameof(Index), new { slug = tenant.Tenant.Slug });
    }

    private async Task<T> WithOptionsAsync<T>(T model) where T : MemberFormModel
    {
        model.Departments = await DepartmentsAsync();
        model.Locations = await LocationsAsync();
        return model;
    }

    private async Task<IReadOnlyList<Choice>> DepartmentsAsync()
        => await db.Departments.AsNoTracking().OrderBy(d => d.Name).Select(d => new Choice(d.Id, d.Name)).ToListAsync();

    private async Task<IReadOnlyList<Choice>> LocationsAsync()
        => await db.Locations.AsNoTracking().OrderBy(d => d.Name).Select(d => new Choice(d.Id, d.Name)).ToListAsync();

    /// <summary>The configured public address (never the request's Host header): invitation links lead there.</summary>
    private string ApplicationUrl() => origin.Root(Request);
}
