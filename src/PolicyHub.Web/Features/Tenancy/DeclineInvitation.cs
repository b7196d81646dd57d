namespace PolicyHub.Web.Features.Tenancy;

/// <summary>
/// The invited person chose Decline: the invitation is closed without binding anything (no subject is stored), the
/// person leaves every audience at the next synchronisation, and "member.invitation_declined" is recorded in the
/// same transaction. An administrator can send the invitation again.
/// </summary>
public sealed class DeclineInvitation(PolicyHubDbContext db, TimeProvider time) : IStateChange
{
    /// <returns>False when the invitation was answered or withdrawn meanwhile (nothing written).</returns>
    public async Task<bool> DeclineAsync(TenantDirectory.PendingInvitation invitation, CancellationToken cancellationToken)
    {
        db.ChangeTracker.Clear();
        db.UseTenant(invitation.TenantId);
        try
        {
            return await db.InTransactionAsync(async ct =>
            {
                var membership = await db.Memberships.SingleOrDefaultAsync(m => m.Id == invitation.Id, ct);
                if (membership is not { Status: MembershipStatus.Invited, Subject: null })
                {
                    return false;
                }

                membership.Status = MembershipStatus.Declined;
                membership.DeclinedAt = time.GetUtcNow().UtcDateTime;
                membership.ConcurrencyStamp = Guid.NewGuid();
                db.Audit(Core.Audit.AuditEvents.InvitationDeclined(membership), membership.Id.ToString());
                await db.SaveChangesAsync(ct);
                return true;
            }, cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return false;
        }
    }
}
