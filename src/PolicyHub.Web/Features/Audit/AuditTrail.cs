using System.Globalization;
using PolicyHub.Core.Audit;
using PolicyHub.Web.Features.Members;

namespace PolicyHub.Web.Features.Audit;

/// <summary>What the trail pages and exports filter by; every field optional.</summary>
public sealed class AuditFilter
{
    public DateTime? From { get; set; }
    public DateTime? To { get; set; }
    /// <summary>The event type (action), for example "policy.version_published". Not "action": MVC keeps that name for routing.</summary>
    public string? Type { get; set; }
    public Guid? Policy { get; set; }

    /// <summary>A person's email or membership id: events they did or that are about them.</summary>
    public string? Person { get; set; }

    /// <summary>Text to find in the summary.</summary>
    public string? Q { get; set; }

    /// <summary>Keyset paging: events with a smaller sequence than this.</summary>
    public long? Before { get; set; }

    public bool IsEmpty => From is null && To is null && string.IsNullOrWhiteSpace(Type) && Policy is null && string.IsNullOrWhiteSpace(Person) && string.IsNullOrWhiteSpace(Q);

    /// <summary>The filter as query-string pairs (without paging), for links and for the export's record.</summary>
    public IEnumerable<KeyValuePair<string, string>> Pairs()
    {
        if (From is { } from)
        {
            yield return new("from", from.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        }

        if (To is { } to)
        {
            yield return new("to", to.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        }

        if (!string.IsNullOrWhiteSpace(Type))
        {
            yield return new("type", Type);
        }

        if (Policy is { } policy)
        {
            yield return new("policy", policy.ToString());
        }

        if (!string.IsNullOrWhiteSpace(Person))
        {
            yield return new("person", Person.Trim());
        }

        if (!string.IsNullOrWhiteSpace(Q))
        {
            yield return new("q", Q);
        }
    }
}

/// <summary>The organisation's audit events through a filter, newest first; every filter maps to an indexed column.</summary>
public sealed class AuditTrail(PolicyHubDbContext db)
{
    public const int PageSize = 50;

    /// <summary>The events through the filter; null when the filter names a person who is not in this organisation.</summary>
    public async Task<IQueryable<AuditEvent>?> QueryAsync(AuditFilter filter, CancellationToken ct)
    {
        Guid? person = null;
        if (!string.IsNullOrWhiteSpace(filter.Person))
        {
            person = await db.Memberships.AsNoTracking().FindIdAsync(filter.Person, ct);
            if (person is null)
            {
                return null;
            }
        }

        return Query(filter, person);
    }

    private IQueryable<AuditEvent> Query(AuditFilter filter, Guid? person)
    {
        var events = db.AuditEvents.AsNoTracking();
        if (filter.From is { } from)
        {
            var start = DateTime.SpecifyKind(from.Date, DateTimeKind.Utc);
            events = events.Where(e => e.OccurredAt >= start);
        }

        if (filter.To is { } to)
        {
            var end = DateTime.SpecifyKind(to.Date.AddDays(1), DateTimeKind.Utc);
            events = events.Where(e => e.OccurredAt < end);
        }

        if (!string.IsNullOrWhiteSpace(filter.Type))
        {
            var action = filter.Type.Trim();
            events = events.Where(e => e.Action == action);
        }

        if (filter.Policy is { } policy)
        {
            events = events.Where(e => e.PolicyId == policy);
        }

        if (person is { } someone)
        {
            var id = someone.ToString();
            events = events.Where(e => e.Actor == id || e.EntityId == id);
        }

        if (!string.IsNullOrWhiteSpace(filter.Q))
        {
            var pattern = "%" + filter.Q.Trim().Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal) + "%";
            events = events.Where(e => EF.Functions.Like(e.Summary!, pattern, "\\"));
        }

        return events;
    }

    /// <summary>One page, newest first, and whether an older page exists.</summary>
    public async Task<(IReadOnlyList<AuditEvent> Events, bool More)> PageAsync(AuditFilter filter, CancellationToken ct)
    {
        var events = await QueryAsync(filter, ct);
        if (events is null)
        {
            return ([], false);
        }

        if (filter.Before is { } before)
        {
            events = events.Where(e => e.Sequence < before);
        }

        var page = await events.OrderByDescending(e => e.Sequence).Take(PageSize + 1).ToListAsync(ct);
        return (page.Take(PageSize).ToList(), page.Count > PageSize);
    }

}
