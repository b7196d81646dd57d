using PolicyHub.Core.Acknowledgements;
using PolicyHub.Core.Audit;
using PolicyHub.Core.Policies;

namespace PolicyHub.Web.Features.Organisations;

/// <summary>A version on a policy manager's home: which policy, which number, since when (submitted, returned).</summary>
public sealed record HomeVersion(Guid PolicyId, string Title, int Number, DateTime? Since);

/// <summary>A policy due for its periodic review.</summary>
public sealed record HomePolicy(Guid PolicyId, string Title, DateTime NextReviewAt);

/// <summary>An active assignment with its completion.</summary>
public sealed record HomeAssignment(Guid AssignmentId, Guid PolicyId, string Title, int Version, int Asked, int Acknowledged, int Overdue, DateTime DueAt)
{
    public int Percent => Asked == 0 ? 0 : (int)Math.Floor(100.0 * Acknowledged / Asked);
}

/// <summary>What a policy manager works on: drafts, reviews, returned versions, reviews due, assignments.</summary>
public sealed record AuthorHome(int Drafts, int InReview, IReadOnlyList<HomeVersion> ReturnedToMe, IReadOnlyList<HomePolicy> DueForReview,
    IReadOnlyList<HomeAssignment> Assignments);

/// <summary>What a compliance officer watches: coverage, overdue people, the trail's last checkpoint.</summary>
public sealed record ComplianceHome(int PoliciesInForce, int Asked, int Acknowledged, int OverduePeople, long LastSequence, AuditCheckpoint? LastCheckpoint,
    bool? CheckpointMatches)
{
    public int Percent => Asked == 0 ? 0 : (int)Math.Floor(100.0 * Acknowledged / Asked);
}

/// <summary>One step of a new organisation's setup, ticked by what exists.</summary>
public sealed record SetupStep(string Key, bool Done, string Link);

/// <summary>What an administrator looks after: people, invitations, API access, and the setup checklist until it is done.</summary>
public sealed record AdminHome(int Active, int Invited, int Deactivated, int ApiClients, IReadOnlyList<SetupStep> Setup)
{
    public bool SetupDone => Setup.All(s => s.Done);
}

/// <summary>The start page's cards for the signed-in person: each only where their roles allow what it shows.</summary>
public sealed record RoleHomeCards(AuthorHome? Author, ComplianceHome? Compliance, AdminHome? Admin);

/// <summary>
/// Reads the start page's cards for one person, with a few grouped queries each; a card is built only when the
/// person's roles may see what it holds (the approver's queue is <see cref="Policies.WaitingReviews"/>, the
/// employee's inbox <see cref="Acknowledgements.EmployeeInbox"/>).
/// </summary>
public sealed class RoleHome(PolicyHubDbContext db, TenantContext tenant, TimeProvider time)
{
    public async Task<RoleHomeCards> LoadAsync(CancellationToken ct)
    {
        var me = tenant.Membership;
        return new RoleHomeCards(
            me.Has(Capabilities.AuthorPolicies) ? await AuthorAsync(ct) : null,
            me.Has(Capabilities.ExportEvidence) ? await ComplianceAsync(ct) : null,
            me.Has(Capabilities.ManagePeople) ? await AdminAsync(ct) : null);
    }

    private async Task<AuthorHome> AuthorAsync(CancellationToken ct)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var open = db.PolicyVersions.AsNoTracking().Where(v => db.Policies.Any(p => p.Id == v.PolicyId && p.Status == PolicyStatus.Active));
        var byStatus = await open.Where(v => v.Status == PolicyVersionStatus.Draft || v.Status == PolicyVersionStatus.InReview)
            .GroupBy(v => v.Status).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct);
        var returned = await (
            from v in open
            where v.Status == PolicyVersionStatus.Draft && v.RejectionReason != null && v.AuthorId == tenant.Membership.Id
            join p in db.Policies on v.PolicyId equals p.Id
            orderby v.Number
            select new HomeVersion(p.Id, p.Title, v.Number, v.SubmittedAt)).Take(10).ToListAsync(ct);
        var horizon = now.AddDays(30);
        var due = await db.Policies.AsNoTracking()
            .Where(p => p.Status == PolicyStatus.Active && p.NextReviewAt != null && p.NextReviewAt <= horizon)
            .OrderBy(p => p.NextReviewAt).Take(10)
            .Select(p => new HomePolicy(p.Id, p.Title, p.NextReviewAt!.Value)).ToListAsync(ct);
        return new AuthorHome(
            byStatus.Where(s => s.Key == PolicyVersionStatus.Draft).Sum(s => s.Count),
            byStatus.Where(s => s.Key == PolicyVersionStatus.InReview).Sum(s => s.Count),
            returned, due, await AssignmentsAsync(now, ct));
    }

    private async Task<IReadOnlyList<HomeAssignment>> AssignmentsAsync(DateTime now, CancellationToken ct)
    {
        var active = await (
            from a in db.Assignments.AsNoTracking()
            where a.Status == AssignmentStatus.Active
            join p in db.Policies on a.PolicyId equals p.Id
            join v in db.PolicyVersions on a.PolicyVersionId equals v.Id
            orderby a.DueAt
            select new { a.Id, a.PolicyId, p.Title, v.Number, a.DueAt }).Take(10).ToListAsync(ct);
        var ids = active.Select(a => a.Id).ToList();
        var counts = await db.AcknowledgementRequests.AsNoTracking()
            .Where(r => ids.Contains(r.AssignmentId) && r.Status != RequestStatus.Withdrawn)
            .GroupBy(r => r.AssignmentId)
            .Select(g => new
            {
                g.Key,
                Asked = g.Count(),
                Acknowledged = g.Count(r => r.Status == RequestStatus.Acknowledged),
                Overdue = g.Count(r => r.Status == RequestStatus.Open && r.DueAt < now),
            }).ToDictionaryAsync(c => c.Key, ct);
        return [.. active.Select(a => counts.TryGetValue(a.Id, out var c)
            ? new HomeAssignment(a.Id, a.PolicyId, a.Title, a.Number, c.Asked, c.Acknowledged, c.Overdue, a.DueAt)
            : new HomeAssignment(a.Id, a.PolicyId, a.Title, a.Number, 0, 0, 0, a.DueAt))];
    }

    private async Task<ComplianceHome> ComplianceAsync(CancellationToken ct)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var inForce = await db.PolicyVersions.AsNoTracking().CountAsync(v => v.Status == PolicyVersionStatus.Published, ct);
        var requests = db.AcknowledgementRequests.AsNoTracking()
            .Where(r => r.Status != RequestStatus.Withdrawn && db.Assignments.Any(a => a.Id == r.AssignmentId && a.Status == AssignmentStatus.Active));
        var asked = await requests.CountAsync(ct);
        var acknowledged = await requests.CountAsync(r => r.Status == RequestStatus.Acknowledged, ct);
        var overduePeople = await requests.Where(r => r.Status == RequestStatus.Open && r.DueAt < now).Select(r => r.MembershipId).Distinct().CountAsync(ct);
        var head = await db.AuditChainHeads.AsNoTracking().Select(h => (long?)h.LastSequence).SingleOrDefaultAsync(ct) ?? 0;
        var checkpoint = await db.AuditCheckpoints.AsNoTracking().OrderByDescending(c => c.Sequence).FirstOrDefaultAsync(ct);
        bool? matches = null;
        if (checkpoint is not null)
        {
            // The checkpoint signs the hash of its last event: the trail still holds that event with that hash.
            var hash = await db.AuditEvents.AsNoTracking().Where(e => e.Sequence == checkpoint.Sequence).Select(e => e.Hash).SingleOrDefaultAsync(ct);
            matches = hash is not null && hash.AsSpan().SequenceEqual(checkpoint.Hash);
        }

        return new ComplianceHome(inForce, asked, acknowledged, overduePeople, head, checkpoint, matches);
    }

    private async Task<AdminHome> AdminAsync(CancellationToken ct)
    {
        var slug = tenant.Tenant.Slug;
        var people = await db.Memberships.AsNoTracking().GroupBy(m => m.Status).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct);
        int Count(MembershipStatus status) => people.Where(p => p.Key == status).Sum(p => p.Count);
        var apiClients = await db.ApiClients.AsNoTracking().CountAsync(c => c.RevokedAt == null, ct);
        SetupStep[] setup =
        [
            new("units", await db.Departments.AnyAsync(ct) || await db.Locations.AnyAsync(ct), $"/o/{slug}/departments"),
            new("people", people.Sum(p => p.Count) > 1, $"/o/{slug}/members/invite"),
            new("settings", await db.AuditEvents.AnyAsync(e => e.Action == AuditEvents.Names.OrganisationSettingsChanged, ct), $"/o/{slug}/settings"),
            new("policy", await db.Policies.AnyAsync(ct), $"/o/{slug}/policies/new"),
            new("assignment", await db.Assignments.AnyAsync(ct), $"/o/{slug}/policies"),
        ];
        return new AdminHome(Count(MembershipStatus.Active), Count(MembershipStatus.Invited), Count(MembershipStatus.Deactivated), apiClients, setup);
    }
}
