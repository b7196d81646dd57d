using PolicyHub.Core.Audit;
using PolicyHub.Core.Text;
using PolicyHub.Web.Features.Campaigns;

namespace PolicyHub.Web.Features.Members;

/// <summary>
/// What a change to a person came to: <see cref="Found"/> false answers 404; a <see cref="Problem"/> is the message for
/// <see cref="Field"/> (empty: the whole form); otherwise it was saved. <see cref="Member"/> is the person as saved.
/// </summary>
public sealed record MemberChangeResult(bool Found, Membership? Member = null, string? Problem = null, string Field = "")
{
    public static readonly MemberChangeResult Missing = new(false);

    public bool Done => Found && Problem is null;
}

/// <summary>The rule shared by editing and deactivating: an organisation keeps at least one active administrator.</summary>
public sealed class AdministratorRule(PolicyHubDbContext db)
{
    public Task<bool> IsLastActiveAdministratorAsync(Membership member, CancellationToken ct)
        => db.Memberships.AllAsync(m => m.Id == member.Id || m.Status != MembershipStatus.Active || (m.Roles & TenantRoles.Administrator) == 0, ct);
}

/// <summary>An administrator invites one person by email (<see cref="MemberInvitations"/> writes the row, the event and the email).</summary>
public sealed class InviteMember(PolicyHubDbContext db, TenantContext tenant, MemberInvitations invitations, IStringLocalizer<SharedResource> l) : IStateChange
{
    public async Task<MemberChangeResult> InviteAsync(InviteMemberModel model, string applicationUrl, CancellationToken ct)
    {
        try
        {
            var invited = await db.InTransactionAsync(async token =>
            {
                var member = invitations.Invite(tenant.Tenant, tenant.Membership, model.Email, model.DisplayName,
                    model.CombinedRoles, model.DepartmentId, model.LocationId, applicationUrl);
                member.ManagerEmail = MemberFormRules.ManagerEmail(model);
                await db.SaveChangesAsync(token);
                return member;
            }, ct);
            return new MemberChangeResult(true, invited);
        }
        catch (DbUpdateException e) when (e.IsUniqueViolation())
        {
            // The same person invited twice at the same moment: the second gets the form's own answer.
            db.ChangeTracker.Clear();
            return new MemberChangeResult(true, null, l["This person is already a member or invited."], nameof(model.Email));
        }
    }
}

/// <summary>
/// An administrator changes a person's name, roles, department, location or manager's email. The audit event says
/// what changed without personal data; a moved person's requests follow them in the same save.
/// </summary>
public sealed class EditMember(PolicyHubDbContext db, TenantContext tenant, AdministratorRule administrators, IStringLocalizer<SharedResource> l) : IStateChange
{
    public async Task<MemberChangeResult> EditAsync(Guid id, EditMemberModel model, CancellationToken ct)
    {
        var member = await db.Memberships.SingleOrDefaultAsync(m => m.Id == id, ct);
        if (member is null)
        {
            return MemberChangeResult.Missing;
        }

        if (member.ErasedAt is not null)
        {
            return new MemberChangeResult(true, member, l["This person's personal data has been erased; their record can no longer be changed."]);
        }

        if (member.Has(TenantRoles.Administrator) && !model.CombinedRoles.HasFlag(TenantRoles.Administrator)
            && await administrators.IsLastActiveAdministratorAsync(member, ct))
        {
            return new MemberChangeResult(true, member, l["An organisation needs at least one active administrator."], nameof(model.Roles));
        }

        try
        {
            await db.InTransactionAsync(async token =>
            {
                db.Entry(member).Property(m => m.ConcurrencyStamp).OriginalValue = model.ConcurrencyStamp;
                var name = TextRules.NormalizeName(model.DisplayName)!;
                var managerEmail = MemberFormRules.ManagerEmail(model);
                db.Audit(AuditEvents.MemberEdited(member, name, model.CombinedRoles, model.DepartmentId, model.LocationId, managerEmail), tenant.Actor);
                member.DisplayName = name;
                member.Roles = model.CombinedRoles;
                member.DepartmentId = model.DepartmentId;
                member.LocationId = model.LocationId;
                member.ManagerEmail = managerEmail;
                member.ConcurrencyStamp = Guid.NewGuid();
                // A moved person's requests follow their new unit in the same save (PolicyHubDbContext).
                return await db.SaveChangesAsync(token);
            }, ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return new MemberChangeResult(true, member, l["Someone else changed this person meanwhile. Reload the page and try again."]);
        }

        return new MemberChangeResult(true, member);
    }
}

/// <summary>Deactivating keeps a person's history and takes their access; reactivating gives it back (invited again if they never joined).</summary>
public sealed class ChangeMemberStatus(PolicyHubDbContext db, TenantContext tenant, AdministratorRule administrators, TimeProvider time, IStringLocalizer<SharedResource> l) : IStateChange
{
    public async Task<MemberChangeResult> DeactivateAsync(Guid id, CancellationToken ct)
    {
        var member = await db.Memberships.SingleOrDefaultAsync(m => m.Id == id, ct);
        if (member is null)
        {
            return MemberChangeResult.Missing;
        }

        if (member.Status == MembershipStatus.Deactivated)
        {
            return new MemberChangeResult(true, member, string.Empty);
        }

        if (member.Has(TenantRoles.Administrator) && await administrators.IsLastActiveAdministratorAsync(member, ct))
        {
            return new MemberChangeResult(true, member, l["An organisation needs at least one active administrator."]);
        }

        await SetAsync(member, MembershipStatus.Deactivated, AuditEvents.MemberDeactivated, ct);
        return new MemberChangeResult(true, member);
    }

    public async Task<MemberChangeResult> ReactivateAsync(Guid id, CancellationToken ct)
    {
        var member = await db.Memberships.SingleOrDefaultAsync(m => m.Id == id, ct);
        if (member is null)
        {
            return MemberChangeResult.Missing;
        }

        if (member.ErasedAt is not null)
        {
            return new MemberChangeResult(true, member, l["This person's personal data has been erased; their record can no longer be changed."]);
        }

        if (member.Status != MembershipStatus.Deactivated)
        {
            return new MemberChangeResult(true, member, string.Empty);
        }

        await SetAsync(member, member.Subject is null ? MembershipStatus.Invited : MembershipStatus.Active, AuditEvents.MemberReactivated, ct);
        return new MemberChangeResult(true, member);
    }

    private Task<int> SetAsync(Membership member, MembershipStatus status, Func<Membership, AuditEntry> audit, CancellationToken ct)
        => db.InTransactionAsync(async token =>
        {
            member.Status = status;
            member.DeactivatedAt = status == MembershipStatus.Deactivated ? time.GetUtcNow().UtcDateTime : null;
            member.ConcurrencyStamp = Guid.NewGuid();
            db.Audit(audit(member), tenant.Actor);
            return await db.SaveChangesAsync(token);
        }, ct);
}

/// <summary>Sends an invitation again: still open, or declined (then it is open again). Not for erased people.</summary>
public sealed class ResendInvitation(PolicyHubDbContext db, TenantContext tenant, MemberInvitations invitations) : IStateChange
{
    public async Task<MemberChangeResult> ResendAsync(Guid id, string applicationUrl, CancellationToken ct)
    {
        var member = await db.Memberships.SingleOrDefaultAsync(m => m.Id == id, ct);
        if (member is null)
        {
            return MemberChangeResult.Missing;
        }

        if (member.Status is not (MembershipStatus.Invited or MembershipStatus.Declined) || member.ErasedAt is not null)
        {
            return new MemberChangeResult(true, member, string.Empty);
        }

        await db.InTransactionAsync(async token =>
        {
            invitations.Resend(tenant.Tenant, member, tenant.Membership, applicationUrl);
            return await db.SaveChangesAsync(token);
        }, ct);
        return new MemberChangeResult(true, member);
    }
}
