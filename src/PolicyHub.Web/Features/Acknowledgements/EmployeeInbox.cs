using PolicyHub.Core.Acknowledgements;

namespace PolicyHub.Web.Features.Acknowledgements;

/// <summary>A person's requests in one organisation: what is still open (by due date) and the latest they acknowledged.</summary>
public sealed class EmployeeInbox(PolicyHubDbContext db, TimeProvider time)
{
    public const int RecentlyAcknowledged = 10;

    public async Task<InboxModel> LoadAsync(Guid membershipId, CancellationToken ct = default)
    {
        var open = await (
                from r in db.AcknowledgementRequests.AsNoTracking()
                where r.MembershipId == membershipId && r.Status == RequestStatus.Open
                join v in db.PolicyVersions on r.PolicyVersionId equals v.Id
                join p in db.Policies on v.PolicyId equals p.Id
                orderby r.DueAt
                select new InboxItem(r.Id, p.Id, p.Title, v.Number, r.DueAt, r.Status, r.AcknowledgedAt, r.AcknowledgementId))
            .ToListAsync(ct);
        var acknowledged = await db.Acknowledgements.AsNoTracking().Where(a => a.MembershipId == membershipId)
            .OrderByDescending(a => a.AcknowledgedAt).Take(RecentlyAcknowledged)
            .Join(db.Policies, a => a.PolicyId, p => p.Id, (a, p) => new InboxItem(a.RequestId, p.Id, p.Title, a.VersionNumber, a.AcknowledgedAt, RequestStatus.Acknowledged, a.AcknowledgedAt, a.Id))
            .ToListAsync(ct);
        return new InboxModel(open, acknowledged, time.GetUtcNow().UtcDateTime);
    }
}
