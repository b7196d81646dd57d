using PolicyHub.Core.Acknowledgements;
using PolicyHub.Core.Policies;

namespace PolicyHub.Web.Features.Campaigns;

/// <summary>
/// Campaigns' part of a policy's life, inside the transaction of the policy change that calls it (publishing or
/// retiring: PublishPolicyVersion, RetirePolicy): what happens to the policy's assignments, with their audit events, and the
/// audience synchronisation after the save.
/// </summary>
public sealed class CarryOverAssignments(PolicyHubDbContext db, TenantContext tenant, AudienceSync audiences)
{
    /// <summary>
    /// Publishing a new version of an assigned policy. Material: each active assignment closes and a new one
    /// with the same audience and time to complete asks everyone to acknowledge the new text (earlier
    /// acknowledgements stay with the version they were given for). Minor: assignments move to the new version,
    /// open requests now show it, and acknowledgements already given stay valid. <paramref name="dueAt"/>, when the
    /// publisher chose it, is the new assignments' due date.
    /// </summary>
    public async Task<List<Guid>> ToPublishedVersionAsync(Guid policyId, PolicyVersion version, DateTime now, DateTime? dueAt, CancellationToken ct)
    {
        var touched = new List<Guid>();
        var active = await db.Assignments.Include(a => a.Targets).Where(a => a.PolicyId == policyId && a.Status == AssignmentStatus.Active).ToListAsync(ct);
        foreach (var old in active)
        {
            if (version.IsMaterialChange)
            {
                var next = new Assignment
                {
                    PolicyId = policyId, PolicyVersionId = version.Id, Everyone = old.Everyone, LateJoinerDays = old.LateJoinerDays,
                    ReminderDaysBefore = old.ReminderDaysBefore, OverdueReminderDays = old.OverdueReminderDays, EscalateToManagers = old.EscalateToManagers, AskQuestions = old.AskQuestions,
                    DueAt = dueAt ?? DueDates.CarriedOver(now, old.DueAt - old.CreatedAt), CreatedAt = now, CreatedBy = tenant.Membership.Id,
                    Targets = [.. old.Targets.Select(t => new AssignmentTarget { Kind = t.Kind, TargetId = t.TargetId })],
                };
                old.Status = AssignmentStatus.Closed;
                db.Assignments.Add(next);
                db.Audit(Core.Audit.AuditEvents.AssignmentCarriedOver(next, old.Id), tenant.Actor);
                touched.Add(old.Id);
                touched.Add(next.Id);
            }
            else
            {
                old.PolicyVersionId = version.Id;
                await db.AcknowledgementRequests.Where(r => r.AssignmentId == old.Id && r.Status == RequestStatus.Open)
                    .UpdateInTenantAsync(db, s => s.SetProperty(r => r.PolicyVersionId, version.Id), ct);
                db.Audit(Core.Audit.AuditEvents.AssignmentMovedToVersion(old), tenant.Actor);
            }
        }

        return touched;
    }

    /// <summary>A retired policy's active assignments close (their open requests are withdrawn by <see cref="SynchroniseAsync"/>).</summary>
    public async Task<List<Guid>> CloseForRetiredPolicyAsync(Guid policyId, CancellationToken ct)
    {
        var active = await db.Assignments.Where(a => a.PolicyId == policyId && a.Status == AssignmentStatus.Active).ToListAsync(ct);
        foreach (var assignment in active)
        {
            assignment.Status = AssignmentStatus.Closed;
        }

        return active.Select(a => a.Id).ToList();
    }

    /// <summary>After the save: closed assignments withdraw their open requests; new ones ask their audience.</summary>
    public async Task SynchroniseAsync(IEnumerable<Guid> assignments, bool initial, CancellationToken ct)
    {
        foreach (var assignmentId in assignments)
        {
            await audiences.ApplyAsync(assignmentId, tenant.Actor, initial, ct);
        }
    }
}
