using PolicyHub.Core.Acknowledgements;
using PolicyHub.Core.Audit;
using PolicyHub.Core.Policies;
using PolicyHub.Web.Features.Reminders;

namespace PolicyHub.Web.Features.Campaigns;

/// <summary>What "send reminder now" came to: the assignment not found, nobody waiting (nothing written), or the reminders sent.</summary>
public sealed record SendRemindersNowResult(bool Found, ReminderRoundResult? Sent = null);

/// <summary>
/// HR's "send reminder now" on an active assignment: everyone still open is due for a reminder at once (who already
/// had an email today gets it tomorrow), recorded as "assignment.reminder_requested"; then the reminders go out. An
/// assignment that is no longer active, or that nobody is waiting on, changes nothing and records nothing.
/// </summary>
public sealed class SendRemindersNow(PolicyHubDbContext db, TenantContext tenant, ReminderSender reminders, TimeProvider time) : IStateChange
{
    /// <param name="person">Only this member of the assignment (the dashboard's per-person reminder), or everyone open.</param>
    public async Task<SendRemindersNowResult> SendAsync(Guid assignmentId, CancellationToken ct, Guid? person = null)
    {
        var assignment = await db.Assignments.AsNoTracking().SingleOrDefaultAsync(a => a.Id == assignmentId, ct);
        if (assignment is null)
        {
            return new SendRemindersNowResult(false);
        }

        if (assignment.Status != AssignmentStatus.Active)
        {
            return new SendRemindersNowResult(true);
        }

        var now = time.GetUtcNow().UtcDateTime;
        var people = await db.InTransactionAsync(async token =>
        {
            var open = db.AcknowledgementRequests.Where(r => r.AssignmentId == assignmentId && r.Status == RequestStatus.Open && (person == null || r.MembershipId == person));
            var members = await open.Select(r => r.MembershipId).ToListAsync(token);
            if (members.Count == 0)
            {
                return members;
            }

            await open.UpdateInTenantAsync(db, s => s.SetProperty(r => r.NextReminderAt, now), token);
            db.Audit(AuditEvents.AssignmentReminderRequested(assignment, members.Count, person), tenant.Actor);
            await db.SaveChangesAsync(token);
            return members;
        }, ct);

        return people.Count == 0 ? new SendRemindersNowResult(true) : new SendRemindersNowResult(true, await reminders.SendDueRemindersAsync(tenant.Tenant, people, ct));
    }
}
