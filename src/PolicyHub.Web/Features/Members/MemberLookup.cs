namespace PolicyHub.Web.Features.Members;

public static class MemberLookup
{
    /// <summary>The id of the member named by an email address or a membership id, in the current organisation; null when there is none.</summary>
    public static Task<Guid?> FindIdAsync(this IQueryable<Membership> memberships, string? emailOrId, CancellationToken ct = default)
    {
        var text = emailOrId?.Trim() ?? string.Empty;
        return Guid.TryParse(text, out var id)
            ? memberships.Where(m => m.Id == id).Select(m => (Guid?)m.Id).SingleOrDefaultAsync(ct)
            : memberships.Where(m => m.NormalizedEmail == Membership.Normalize(text)).Select(m => (Guid?)m.Id).SingleOrDefaultAsync(ct);
    }
}
