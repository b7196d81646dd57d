using PolicyHub.Core.Audit;
using PolicyHub.Core.Policies;
using PolicyHub.ServiceDefaults.Email;

namespace PolicyHub.Web.Features.Policies;

/// <summary>
/// Part of the reminder round: a version that has waited for review longer than the organisation's setting
/// (<see cref="Tenant.ReviewReminderDays"/>) reminds the people asked to review it (<see cref="ReviewersOf"/>, its
/// author left out), again every as many days while it waits. One transaction per version: the emails through the
/// outbox in the organisation's language, the version's reminder moment and "policy.review_reminder_sent".
/// </summary>
public sealed class ReviewReminders(PolicyHubDbContext db, ReviewEmails emails, TimeProvider time)
{
    /// <returns>How many reminder emails were queued.</returns>
    public async Task<int> RunAsync(Tenant organisation, CancellationToken ct)
    {
        if (organisation.ReviewReminderDays <= 0)
        {
            return 0;
        }

        db.UseTenant(organisation.Id);
        var now = time.GetUtcNow().UtcDateTime;
        var threshold = now.AddDays(-organisation.ReviewReminderDays);
        var waiting = await db.PolicyVersions.AsNoTracking()
            .Where(v => v.Status == PolicyVersionStatus.InReview && v.SubmittedAt != null && v.SubmittedAt <= threshold
                && (v.ReviewRemindedAt == null || v.ReviewRemindedAt <= threshold)
                && db.Policies.Any(p => p.Id == v.PolicyId && p.Status == PolicyStatus.Active))
            .Select(v => v.Id).ToListAsync(ct);
        var sent = 0;
        foreach (var id in waiting)
        {
            sent += await db.InTransactionAsync(async token =>
            {
                var version = await db.PolicyVersions.SingleAsync(v => v.Id == id, token);
                var policy = await db.Policies.AsNoTracking().SingleAsync(p => p.Id == version.PolicyId, token);
                var reviewers = await ReviewersOf.Policy(db, policy.Id).AsNoTracking()
                    .Where(m => m.Id != version.AuthorId).ToListAsync(token);
                var days = (int)(now - version.SubmittedAt!.Value).TotalDays;
                foreach (var reviewer in reviewers)
                {
                    db.EnqueueEmail(emails.ReviewReminder(organisation, policy, version, reviewer, days), time);
                }

                version.ReviewRemindedAt = now;
                db.Audit(AuditEvents.PolicyReviewReminderSent(version, reviewers.Count), AuditActor.System);
                await db.SaveChangesAsync(token);
                return reviewers.Count;
            }, ct);
        }

        return sent;
    }
}
