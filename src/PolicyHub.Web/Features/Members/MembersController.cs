using PolicyHub.Core.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using PolicyHub.Core.Tenancy;
using PolicyHub.Data.Database;
using PolicyHub.Data.Web;
using PolicyHub.Web.Features.Campaigns;
using PolicyHub.Web.Features.Tenancy;

namespace PolicyHub.Web.Features.Members;

/// <summary>The people of an organisation: list, invite, edit roles/department/location, deactivate.</summary>
[Authorize]
[Route("o/{slug}/members")]
public sealed class MembersController(
    PolicyHubDbContext db,
    TenantContext tenant,
    MemberInvitations invitations,
    TimeProvider time,
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
            tenant.Membership.Has(Capabilities.ManageOrganisation)));
    }

    [HttpGet("invite")]
    [TenantRole(Capabilities.ManageOrganisation)]
    public async Task<IActionResult> Invite() => View(await WithOptionsAsync(new InviteMemberModel()));

    [HttpPost("invite")]
    [TenantRole(Capabilities.ManageOrganisation)]
    public async Task<IActionResult> Invite(InviteMemberModel model)
    {
        if (!ModelState.IsValid)
        {
            return View(await WithOptionsAsync(model));
        }

        try
        {
            await db.InTransactionAsync(async ct =>
            {
                var invited = invitations.Invite(tenant.Tenant, tenant.Membership, model.Email, model.DisplayName,
                    model.CombinedRoles, model.DepartmentId, model.LocationId, ApplicationUrl());
                invited.ManagerEmail = MemberFormRules.ManagerEmail(model);
                return await db.SaveChangesAsync(ct);
            });
        }
        catch (DbUpdateException e) when (e.IsUniqueViolation())
        {
            // The same person invited twice at the same moment: the second gets the form's own answer.
            db.ChangeTracker.Clear();
            ModelState.AddModelError(nameof(model.Email), l["This person is already a member or invited."]);
            return View(await WithOptionsAsync(model));
        }
        TempData["Status"] = l["{0} has been invited by email.", model.Email.Trim()].Value;
        return RedirectToAction(nameof(Index), new { slug = tenant.Tenant.Slug });
    }

    [HttpGet("{id:guid}")]
    [TenantRole(Capabilities.ManageOrganisation)]
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
    [TenantRole(Capabilities.ManageOrganisation)]
    public async Task<IActionResult> Edit(Guid id, EditMemberModel model)
    {
        var member = await db.Memberships.SingleOrDefaultAsync(m => m.Id == id);
        if (member is null)
        {
            return NotFound();
        }

        model.Id = id;
        model.Email = member.Email;
        model.Status = member.Status;
        model.ErasedAt = member.ErasedAt;
        model.DeclinedAt = member.DeclinedAt;
        if (member.ErasedAt is not null)
        {
            ModelState.AddModelError(string.Empty, l["This person's personal data has been erased; their record can no longer be changed."]);
        }

        if (ModelState.IsValid && member.Has(TenantRoles.Administrator) && !model.CombinedRoles.HasFlag(TenantRoles.Administrator)
            && await IsLastActiveAdministratorAsync(member))
        {
            ModelState.AddModelError(nameof(model.Roles), l["An organisation needs at least one active administrator."]);
        }

        if (!ModelState.IsValid)
        {
            return View(await WithOptionsAsync(model));
        }

        try
        {
            await db.InTransactionAsync(async ct =>
            {
                db.Entry(member).Property(m => m.ConcurrencyStamp).OriginalValue = model.ConcurrencyStamp;
                var changes = new JsonObject();
                if (member.Roles != model.CombinedRoles)
                {
                    changes["roles"] = model.CombinedRoles.ToString();
                }

                if (member.DepartmentId != model.DepartmentId)
                {
                    changes["department"] = model.DepartmentId?.ToString();
                }

                if (member.LocationId != model.LocationId)
                {
                    changes["location"] = model.LocationId?.ToString();
                }

                if (member.DisplayName != TextRules.NormalizeName(model.DisplayName)!)
                {
                    changes["nameChanged"] = true;
                }

                if (member.ManagerEmail != MemberFormRules.ManagerEmail(model))
                {
                    changes["managerEmailChanged"] = true; // the address itself is personal data: not in the hashed trail
                }

                member.DisplayName = TextRules.NormalizeName(model.DisplayName)!;
                member.Roles = model.CombinedRoles;
                var moved = member.DepartmentId != model.DepartmentId || member.LocationId != model.LocationId;
                member.DepartmentId = model.DepartmentId;
                member.LocationId = model.LocationId;
                member.ManagerEmail = MemberFormRules.ManagerEmail(model);
                member.ConcurrencyStamp = Guid.NewGuid();
                db.Audit(AuditActions.MemberChanged, nameof(Membership), member.Id.ToString(), tenant.Actor, changes);
                var saved = await db.SaveChangesAsync(ct);
                if (moved)
                {
                    await db.FollowMembersAsync([member.Id], ct);
                }

                return saved;
            });
        }
        catch (DbUpdateConcurrencyException)
        {
            ModelState.AddModelError(string.Empty, l["Someone else changed this person meanwhile. Reload the page and try again."]);
            return View(await WithOptionsAsync(model));
        }

        TempData["Status"] = l["The changes for {0} have been saved.", member.DisplayName].Value;
        return RedirectToAction(nameof(Index), new { slug = tenant.Tenant.Slug });
    }

    [HttpPost("{id:guid}/deactivate")]
    [TenantRole(Capabilities.ManageOrganisation)]
    public async Task<IActionResult> Deactivate(Guid id)
    {
        var member = await db.Memberships.SingleOrDefaultAsync(m => m.Id == id);
        if (member is null)
        {
            return NotFound();
        }

        if (member.Status == MembershipStatus.Deactivated)
        {
            return RedirectToAction(nameof(Edit), new { slug = tenant.Tenant.Slug, id });
        }

        if (member.Has(TenantRoles.Administrator) && await IsLastActiveAdministratorAsync(member))
        {
            TempData["Error"] = l["An organisation needs at least one active administrator."].Value;
            return RedirectToAction(nameof(Edit), new { slug = tenant.Tenant.Slug, id });
        }

        await ChangeStatusAsync(member, MembershipStatus.Deactivated, AuditActions.MemberDeactivated);
        TempData["Status"] = l["{0} has been deactivated and can no longer sign in to this organisation. Their history is kept.", member.DisplayName].Value;
        return RedirectToAction(nameof(Index), new { slug = tenant.Tenant.Slug });
    }

    [HttpPost("{id:guid}/reactivate")]
    [TenantRole(Capabilities.ManageOrganisation)]
    public async Task<IActionResult> Reactivate(Guid id)
    {
        var member = await db.Memberships.SingleOrDefaultAsync(m => m.Id == id);
        if (member is null)
        {
            return NotFound();
        }

        if (member.ErasedAt is not null)
        {
            TempData["Error"] = l["This person's personal data has been erased; their record can no longer be changed."].Value;
        }
        else if (member.Status == MembershipStatus.Deactivated)
        {
            await ChangeStatusAsync(member, member.Subject is null ? MembershipStatus.Invited : MembershipStatus.Active, AuditActions.MemberReactivated);
            TempData["Status"] = l["{0} has been reactivated.", member.DisplayName].Value;
        }

        return RedirectToAction(nameof(Index), new { slug = tenant.Tenant.Slug });
    }

    [HttpPost("{id:guid}/resend-invitation")]
    [TenantRole(Capabilities.ManageOrganisation)]
    public async Task<IActionResult> ResendInvitation(Guid id)
    {
        var member = await db.Memberships.SingleOrDefaultAsync(m => m.Id == id);
        if (member is null)
        {
            return NotFound();
        }

        if (member.Status is MembershipStatus.Invited or MembershipStatus.Declined && member.ErasedAt is null)
        {
            await db.InTransactionAsync(async ct =>
            {
                invitations.Resend(tenant.Tenant, member, tenant.Membership, ApplicationUrl());
                return await db.SaveChangesAsync(ct);
            });
            TempData["Status"] = l["The invitation to {0} has been sent again.", member.Email].Value;
        }

        return RedirectToAction(nameof(Index), new { slug = tenant.Tenant.Slug });
    }

    private async Task ChangeStatusAsync(Membership member, MembershipStatus status, string action)
        => await db.InTransactionAsync(async ct =>
        {
            member.Status = status;
            member.DeactivatedAt = status == MembershipStatus.Deactivated ? time.GetUtcNow().UtcDateTime : null;
            member.ConcurrencyStamp = Guid.NewGuid();
            db.Audit(action, nameof(Membership), member.Id.ToString(), tenant.Actor);
            return await db.SaveChangesAsync(ct);
        });

    private Task<bool> IsLastActiveAdministratorAsync(Membership member)
        => db.Memberships.AllAsync(m => m.Id == member.Id || m.Status != MembershipStatus.Active || (m.Roles & TenantRoles.Administrator) == 0);

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
