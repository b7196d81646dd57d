namespace PolicyHub.Web.Features.Tenancy;

/// <summary>
/// The only place that reads memberships across organisations (the tenant filter is switched off here, and an
/// allow-list test keeps it that way): which organisations a person belongs to, and which invitations are open
/// for their verified email. Every write happens per organisation, through the guard (see <see cref="JoinOrganisation"/>).
/// </summary>
public sealed class TenantDirectory(PolicyHubDbContext db)
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

    /// <summary>An open invitation addressed to the signed-in person's verified email, as they see it before choosing.</summary>
    public sealed record PendingInvitation(Guid Id, Guid TenantId, string Slug, string Organisation, string? InvitedBy, TenantRoles Roles, DateTime InvitedAt);

    /// <summary>
    /// The open invitations for this verified email address in every organisation, newest first — except where the
    /// person (their subject) already is a member under another address. Nothing is bound here: the person chooses.
    /// </summary>
    public async Task<IReadOnlyList<PendingInvitation>> PendingInvitationsAsync(string subject, string email, bool emailVerified, CancellationToken cancellationToken = default)
    {
        if (!emailVerified || string.IsNullOrWhiteSpace(email))
        {
            return [];
        }

        var normalized = Membership.Normalize(email);
        var memberships = db.Memberships.IgnoreQueryFilters([PolicyHubDbContext.TenantFilter]).AsNoTracking();
        var rows = await (
            from m in memberships
            where m.NormalizedEmail == normalized && m.Status == MembershipStatus.Invited && m.Subject == null
            where !memberships.Any(other => other.TenantId == m.TenantId && other.Subject == subject)
            join t in db.Tenants.AsNoTracking() on m.TenantId equals t.Id
            from inviter in memberships.Where(i => i.Id == m.InvitedById && i.TenantId == m.TenantId).DefaultIfEmpty()
            orderby m.InvitedAt descending
            select new PendingInvitation(m.Id, m.TenantId, t.Slug, t.Name, inviter == null ? null : inviter.DisplayName, m.Roles, m.InvitedAt))
            .ToListAsync(cancellationToken);
        return rows;
    }

    /// <summary>One of <see cref="PendingInvitationsAsync"/>: the person may only answer invitations addressed to them.</summary>
    public async Task<PendingInvitation?> FindPendingInvitationAsync(Guid id, string subject, string email, bool emailVerified, CancellationToken cancellationToken = default)
        => (await PendingInvitationsAsync(subject, email, emailVerified, cancellationToken)).SingleOrDefault(i => i.Id == id);
}
