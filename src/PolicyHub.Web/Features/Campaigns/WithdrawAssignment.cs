using PolicyHub.Core.Acknowledgements;
using PolicyHub.Core.Audit;

namespace PolicyHub.Web.Features.Campaigns;

/// <summary>What withdrawing came to: the assignment not found (404), no longer active (nothing written), or withdrawn.</summary>
public enum WithdrawOutcome
{
    NotFound,
    NotActive,
    Withdrawn,
}

/// <summary>
/// HR withdraws an active assignment after confirming: it closes, its open requests are withdrawn (nobody is reminded
/// any more) and the acknowledgements given stay as evidence — one transaction with "assignment.withdrawn" and the
/// audience synchronisation's own event.
/// </summary>
public sealed class WithdrawAssignment(PolicyHubDbContext db, TenantContext tenant, AudienceSync audiences) : IStateChange
{
    public async Task<WithdrawOutcome> WithdrawAsync(Guid assignmentId, CancellationToken ct)
    {
        var assignment = await db.Assignments.SingleOrDefaultAsync(a => a.Id == assignmentId, ct);
        if (assignment is null)
        {
            return WithdrawOutcome.NotFound;
        }

        if (assignment.Status != AssignmentStatus.Active)
        {
            return WithdrawOutcome.NotActive;
        }

        await db.InTransactionAsync(async token =>
        {
            var open = await db.AcknowledgementRequests.CountAsync(r => r.AssignmentId == assignmentId && r.Status == RequestStatus.Open, token);
            assignment.Status = AssignmentStatus.Closed;
            db.Audit(AuditEvents.AssignmentWithdrawn(assignment, open), tenant.Actor);
            var saved = await db.SaveChangesAsync(token);
            await audiences.ApplyAsync(assignmentId, tenant.Actor, initial: false, token); // a closed assignment's open requests are withdrawn
            return saved;
        }, ct);
        return WithdrawOutcome.Withdrawn;
    }
}
