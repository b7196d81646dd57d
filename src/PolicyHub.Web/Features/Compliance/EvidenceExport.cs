using System.Globalization;
using CsvHelper;
using PolicyHub.Core.Acknowledgements;
using PolicyHub.Core.Audit;

namespace PolicyHub.Web.Features.Compliance;

/// <summary>One line of evidence: a person asked to acknowledge a text, and what they did.</summary>
public sealed record EvidenceRow(
    Guid MembershipId, string Name, string Email, string? Department, string? Location, string Policy, int VersionNumber,
    RequestStatus Status, DateTime AskedAt, DateTime DueAt, DateTime? WithdrawnAt,
    Guid? AcknowledgementId, DateTime? AcknowledgedAt, int? AcknowledgedVersion, byte[]? ContentHash, string? Language, AcknowledgementMethod? Method,
    string? TypedName, string? Statement, string? NameAtSigning, string? EmailAtSigning, string? Subject, string? IpAddress, string? UserAgent);

/// <summary>
/// Evidence exports for auditors, streamed from one query each: everyone asked to acknowledge a version (or the
/// versions it counts for), acknowledged or not, or everything one person was asked and did. CSV cells that a
/// spreadsheet would run as formulas are escaped. Every export is recorded first (`evidence.exported`), for the
/// pages and the API alike.
/// </summary>
public sealed class EvidenceExport(PolicyHubDbContext db, TenantContext tenant)
{

    public static readonly string[] Columns =
    [
        "person_id", "name", "email", "department", "location", "policy", "version", "status", "asked_at", "due_at", "withdrawn_at",
        "acknowledgement_id", "acknowledged_at", "acknowledged_version", "content_hash", "language", "method", "typed_name", "statement",
        "name_at_signing", "email_at_signing", "subject", "ip_address", "user_agent",
    ];

    private static readonly CsvWriterOptions Options = new() { Injection = CsvInjection.Escape };

    /// <summary>Records and streams the evidence for a published version of this organisation; false when there is none.</summary>
    public async Task<bool> ExportVersionAsync(Guid versionId, HttpResponse response, CancellationToken ct)
    {
        var version = await db.PolicyVersions.AsNoTracking().SingleOrDefaultAsync(v => v.Id == versionId && v.PublishedAt != null, ct);
        if (version is null)
        {
            return false;
        }

        var published = await db.PolicyVersions.AsNoTracking().Where(v => v.PolicyId == version.PolicyId && v.PublishedAt != null)
            .Select(v => new PublishedVersion(v.Id, v.Number, v.IsMaterialChange)).ToListAsync(ct);
        var sameText = AcknowledgementValidity.SameText(published, versionId);
        await RecordAsync(AuditEvents.VersionEvidenceExported(version, sameText), ct);
        await StreamAsync($"evidence-version-{version.Number}-{versionId}.csv", ForVersions(sameText), response, ct);
        return true;
    }

    /// <summary>Records and streams everything one member of this organisation was asked to acknowledge and did.</summary>
    public async Task ExportPersonAsync(Guid membershipId, HttpResponse response, CancellationToken ct)
    {
        await RecordAsync(AuditEvents.PersonEvidenceExported(membershipId), ct);
        await StreamAsync($"evidence-person-{membershipId}.csv", ForPerson(membershipId), response, ct);
    }

    private Task<int> RecordAsync(AuditEntry entry, CancellationToken ct)
        => db.InTransactionAsync(async token =>
        {
            db.Audit(entry, tenant.Actor);
            return await db.SaveChangesAsync(token);
        }, ct);

    private static async Task StreamAsync(string fileName, IAsyncEnumerable<EvidenceRow> rows, HttpResponse response, CancellationToken ct)
    {
        response.ContentType = "text/csv; charset=utf-8";
        response.Headers.ContentDisposition = $"attachment; filename=\"{fileName}\"";
        await WriteCsvAsync(rows, response.Body, ct);
    }

    /// <summary>Every request for the text of <paramref name="sameText"/> (a version and the minor versions it counts for).</summary>
    public IAsyncEnumerable<EvidenceRow> ForVersions(IReadOnlyCollection<Guid> sameText)
        => Rows(db.AcknowledgementRequests.AsNoTracking().Where(r => sameText.Contains(r.PolicyVersionId)));

    /// <summary>Everything one person was asked to acknowledge, in any policy.</summary>
    public IAsyncEnumerable<EvidenceRow> ForPerson(Guid membershipId)
        => Rows(db.AcknowledgementRequests.AsNoTracking().Where(r => r.MembershipId == membershipId));

    private IAsyncEnumerable<EvidenceRow> Rows(IQueryable<AcknowledgementRequest> requests)
        => (from r in requests
            join m in db.Memberships on r.MembershipId equals m.Id
            join v in db.PolicyVersions on r.PolicyVersionId equals v.Id
            join p in db.Policies on v.PolicyId equals p.Id
            from a in db.Acknowledgements.Where(a => a.Id == r.AcknowledgementId).DefaultIfEmpty()
            orderby p.Title, v.Number, m.DisplayName, r.CreatedAt
            select new EvidenceRow(
                m.Id, m.DisplayName, m.Email, m.Department != null ? m.Department!.Name : null, m.Location != null ? m.Location!.Name : null, p.Title, v.Number,
                r.Status, r.CreatedAt, r.DueAt, r.WithdrawnAt,
                a == null ? null : a.Id, a == null ? null : a.AcknowledgedAt, a == null ? null : a.VersionNumber, a == null ? null : a.ContentHash,
                a == null ? null : a.Language, a == null ? null : a.Method, a == null ? null : a.TypedName, a == null ? null : a.Statement,
                a == null ? null : a.DisplayName, a == null ? null : a.Email, a == null ? null : a.Subject, a == null ? null : a.IpAddress, a == null ? null : a.UserAgent))
            .AsAsyncEnumerable();

    public static async Task<int> WriteCsvAsync(IAsyncEnumerable<EvidenceRow> rows, Stream output, CancellationToken ct)
    {
        await using var csv = CsvWriter.Create(output, Options, leaveOpen: true);
        await csv.WriteRecordAsync(Columns, ct);
        var count = 0;
        await foreach (var row in rows.WithCancellation(ct))
        {
            await csv.WriteRecordAsync(
            [
                row.MembershipId.ToString(), row.Name, row.Email, row.Department, row.Location, row.Policy, row.VersionNumber.ToString(CultureInfo.InvariantCulture),
                row.Status.ToString(), Time(row.AskedAt), Time(row.DueAt), Time(row.WithdrawnAt),
                row.AcknowledgementId?.ToString(), Time(row.AcknowledgedAt), row.AcknowledgedVersion?.ToString(CultureInfo.InvariantCulture),
                row.ContentHash is null ? null : Convert.ToHexStringLower(row.ContentHash), row.Language, row.Method?.ToString(), row.TypedName, row.Statement,
                row.NameAtSigning, row.EmailAtSigning, row.Subject, row.IpAddress, row.UserAgent,
            ], ct);
            count++;
        }

        await csv.FlushAsync(ct);
        return count;
    }

    private static string? Time(DateTime? value) => value is { } time ? AuditHashing.FormatTime(time) : null;
}
