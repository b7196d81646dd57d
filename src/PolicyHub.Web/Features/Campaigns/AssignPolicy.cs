using PolicyHub.Core.Acknowledgements;
using PolicyHub.Core.Policies;

namespace PolicyHub.Web.Features.Campaigns;

/// <summary>
/// HR assigns the published version of a policy to an audience with a due date and reminder rules: the assignment,
/// "assignment.created" and the first audience synchronisation (everyone in it is asked) in one transaction.
/// </summary>
public sealed class AssignPolicy(PolicyHubDbContext db, TenantContext tenant, AudienceSync audiences, TimeProvider time) : IStateChange
{
    public Task<SyncResult> AssignAsync(Guid policyId, PolicyVersion published, AssignModel model, CancellationToken ct)
    {
        var assignment = new Assignment
        {
            PolicyId = policyId, PolicyVersionId = published.Id, Everyone = model.Everyone, LateJoinerDays = model.LateJoinerDays,
            ReminderDaysBefore = Organisations.ReminderRules.Normalize(model.ReminderDaysBefore), OverdueReminderDays = model.OverdueReminderDays,
            EscalateToManagers = model.EscalateToManagers, AskQuestions = model.AskQuestions,
            DueAt = DueDates.EndOfDay(model.DueDate!.Value), CreatedAt = time.GetUtcNow().UtcDateTime, CreatedBy = tenant.Membership.Id,
        };
        assignment.Targets.AddRange(model.DepartmentIds.Distinct().Select(t => new AssignmentTarget { Kind = AssignmentTargetKind.Department, TargetId = t }));
        assignment.Targets.AddRange(model.LocationIds.Distinct().Select(t => new AssignmentTarget { Kind = AssignmentTargetKind.Location, TargetId = t }));
        assignment.Targets.AddRange(model.MemberIds.Distinct().Select(t => new AssignmentTarget { Kind = AssignmentTargetKind.Member, TargetId = t }));
        return db.InTransactionAsync(async token =>
        {
            db.Assignments.Add(assignment);
            db.Audit(Core.Audit.AuditEvents.AssignmentCreated(assignment), tenant.Actor);
            await db.SaveChangesAsync(token);
            return await audiences.ApplyAsync(assignment.Id, tenant.Actor, initial: true, token);
        }, ct);
    }
}
