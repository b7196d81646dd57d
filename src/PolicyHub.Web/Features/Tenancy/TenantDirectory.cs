using Microsoft.EntityFrameworkCore;
using PolicyHub.Core.Tenancy;
using PolicyHub.Data.Database;
using PolicyHub.Data.Web;

namespace PolicyHub.Web.Features.Tenancy;

/// <summary>
/// The only place that reads memberships across organisations (the tenant filter is switched off here, and an
/// allow-list test keeps it that way): which organisations a person belongs to, and binding invitations to a
/// person when they sign in with a verified email. Every write still happens per organisation, through the guard.
/// </summary>
public sealed class TenantDirectory(PolicyHubDbContext db, TimeProvider time, ILogger<TenantDirectory> logger)
{
    public sealed record OrganisationEntry(string Slug, string Name, TenantRoles Roles, int OpenRequests);

    /// <summary>The organisations where the person is an active member, by name, with how much they still have to acknowledge in each.</summary>
    public async Task<IReadOnlyList<OrganisationEntry>> OrganisationsOfAsync(string subject, CancellationToken cancellationToken = default)
    {
        var rows = await (
            from m in db.Memberships.IgnoreQueryFilters([PolicyHubDbContext.TenantFilter]).AsNoTracking()
            where m.Subject == subject && m.Status == MembershipStatus.Active
            from t in db.Tenants.AsNoTracking()
            where t.Id == m.TenantId
            orderby t.Name
            select new { m.Id, t.Slug, t.Name, m.Roles }).ToListAsync(cancellationToken);
        var memberships = rows.Select(r => r.Id).ToList();
        var open = await db.AcknowledgementRequests.IgnoreQueryFilters([PolicyHubDbContext.TenantFilter]).AsNoTracking()
            .Where(r => memberships.Contains(r.MembershipId) && r.Status == Core.Acknowledgements.RequestStatus.Open)
            .GroupBy(r => r.MembershipId).Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);
        return rows.Select(r => new OrganisationEntry(r.Slug, r.Name, r.Roles, open.GetValueOrDefault(r.Id))).ToList();
    }

    /// <summary>Whether any organisation has currently allowed this API client (a client id serves one organisation at a time).</summary>
    public Task<bool> ClientIdTakenAsync(string clientId, CancellationToken cancellationToken = default)
        => db.ApiClients.IgnoreQueryFilters([PolicyHubDbContext.TenantFilter]).AnyAsync(c => c.ClientId == clientId && c.RevokedAt == null, cancellationToken);

    /// <summary>
    /// Binds every open invitation for this verified email address to the person's subject (they become active
    /// members) and records "member.joined" in each organisation's audit trail. Returns the organisations joined.
    /// </summary>
    public async Task<IReadOnlyList<string>> AcceptInvitationsAsync(string subject, string email, bool emailVerified, CancellationToken cancellationToken = default)
    {
        if (!emailVerified || string.IsNullOrWhiteSpace(email))
        {
            return [];
        }

        var normalized = Membership.Normalize(email);
        var invited = await db.Memberships.IgnoreQueryFilters([PolicyHubDbContext.TenantFilter]).AsNoTracking()
            .Where(m => m.NormalizedEmail == normalized && m.Status == MembershipStatus.Invited && m.Subject == null)
            .Select(m => new { m.Id, m.TenantId })
            .ToListAsync(cancellationToken);

        var joined = new List<string>();
        foreach (var invitation in invited)
        {
            db.ChangeTracker.Clear();
            db.UseTenant(invitation.TenantId);
            if (await db.Memberships.AnyAsync(m => m.Subject == subject, cancellationToken))
            {
                logger.LogWarning("Invitation {MembershipId} not bound: the person is already a member of that organisation under another email.", invitation.Id);
                continue;
            }

            var slug = await db.InTransactionAsync(async ct =>
            {
                var membership = await db.Memberships.SingleAsync(m => m.Id == invitation.Id, ct);
                membership.Subject = subject;
                membership.Status = MembershipStatus.Active;
                membership.JoinedAt = time.GetUtcNow().UtcDateTime;
                membership.ConcurrencyStamp = Guid.NewGuid();
                db.Audit(AuditActions.MemberJoined, nameof(Membership), membership.Id.ToString(), membership.Id.ToString());
                await db.SaveChangesAsync(ct);
                return await db.Tenants.Where(t => t.Id == invitation.TenantId).Select(t => t.Slug).SingleAsync(ct);
            }, cancellationToken);
            joined.Add(slug);
        }

        return joined;
    }
}
