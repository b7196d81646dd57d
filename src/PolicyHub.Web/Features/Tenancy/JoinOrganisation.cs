namespace PolicyHub.Web.Features.Tenancy;

/// <summary>
/// The invited person chose Join: their subject is bound to the invitation (they become an active member), with
/// "member.joined" in the organisation's audit trail, in one transaction. Only an invitation still open for the
/// person's verified email (see <see cref="TenantDirectory.FindPendingInvitationAsync"/>) can be answered.
/// </summary>
public sealed class JoinOrganisation(PolicyHubDbContext db, TimeProvider time) : IStateChange
{
    /// <returns>False when the invitation was answered or withdrawn meanwhile (nothing written).</returns>
    public async Task<bool> JoinAsync(TenantDirectory.PendingInvitation invitation, string subject, CancellationToken cancellationToken)
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

                membership.Subject = subject;
                membership.Status = MembershipStatus.Active;
                membership.JoinedAt = time.GetUtcNow().UtcDateTime;
                membership.ConcurrencyStamp = Guid.NewGuid();
                db.Audit(Core.Audit.AuditEvents.MemberJoined(membership), membership.Id.ToString());
                await db.SaveChangesAsync(ct);
                return true;
            }, cancellationToken);
        }
        catch (DbUpdateException e) when (e.IsUniqueViolation())
        {
            // The same person joined under another invitation of this organisation at the same moment.
            db.ChangeTracker.Clear();
            return false;
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return false;
        }
    }
}
