using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using PolicyHub.Core.Acknowledgements;
using PolicyHub.Core.Policies;
using PolicyHub.Data.Database;
using PolicyHub.Data.Web;
using PolicyHub.Web.Features.Tenancy;

namespace PolicyHub.Web.Features.Acknowledgements;

public enum AcknowledgeOutcome
{
    Recorded,
    /// <summary>The person had already acknowledged this text (a double submit, a second tab): the first one stands.</summary>
    AlreadyAcknowledged,
    /// <summary>No such request of this person in this organisation: another person's request looks exactly like this.</summary>
    NotFound,
    /// <summary>The version is no longer in force (superseded or retired) or the request was withdrawn.</summary>
    NoLongerInForce,
    /// <summary>A minor version replaced the text the person was reading: they must see the new one first.</summary>
    TextChanged,
}

public sealed record AcknowledgeResult(AcknowledgeOutcome Outcome, Guid? AcknowledgementId = null);

/// <summary>What the person saw and who they were, as the page that records it knows it.</summary>
public sealed record AcknowledgementEvidence(Guid VersionShown, string Statement, string Language, string? TypedName, string Subject, string? IpAddress, string? UserAgent);

/// <summary>
/// Records that the signed-in person acknowledged the text of one of their requests: the evidence row, every open
/// request of theirs for the same version answered by it, and the audit event, in one transaction. Idempotent:
/// the unique (person, version) index turns a concurrent second submit into "already acknowledged".
/// </summary>
public sealed class RecordAcknowledgement(PolicyHubDbContext db, TenantContext tenant, TimeProvider time)
{
    public const string RecordedAction = Core.Audit.AuditEvents.AcknowledgementRecorded;

    /// <summary>Records the acknowledgement of <paramref name="request"/> (as the reading page loaded it, with its version).</summary>
    public async Task<AcknowledgeResult> RecordAsync(AcknowledgementRequest request, PolicyVersion version, AcknowledgementEvidence evidence, CancellationToken cancellationToken = default)
    {
        var me = tenant.Membership;
        if (request.MembershipId != me.Id || request.PolicyVersionId != version.Id)
        {
            return new(AcknowledgeOutcome.NotFound);
        }

        if (request.PolicyVersionId != evidence.VersionShown && request.Status == RequestStatus.Open)
        {
            return new(AcknowledgeOutcome.TextChanged);
        }

        var existing = await ExistingAsync(request.PolicyVersionId, cancellationToken);
        if (existing is not null)
        {
            return new(AcknowledgeOutcome.AlreadyAcknowledged, existing);
        }

        if (request.Status != RequestStatus.Open || version.Status != PolicyVersionStatus.Published)
        {
            return new(AcknowledgeOutcome.NoLongerInForce);
        }

        // The fingerprint of the text the person read: the version's, or its published translation's.
        var shownHash = evidence.Language == version.Language ? version.ContentHash
            : await db.PolicyTranslations.AsNoTracking().Where(t => t.PolicyVersionId == version.Id && t.Language == evidence.Language)
                .Select(t => t.ContentHash).SingleOrDefaultAsync(cancellationToken);
        if (shownHash is null)
        {
            return new(AcknowledgeOutcome.TextChanged);
        }

        var now = time.GetUtcNow().UtcDateTime;
        var acknowledgement = new Acknowledgement
        {
            RequestId = request.Id, MembershipId = me.Id, PolicyId = version.PolicyId, PolicyVersionId = version.Id, VersionNumber = version.Number,
            ContentHash = shownHash, Statement = evidence.Statement, Language = evidence.Language, Method = AcknowledgementMethod.WebForm,
            TypedName = evidence.TypedName, AcknowledgedAt = now, Subject = evidence.Subject, DisplayName = me.DisplayName, Email = me.Email,
            IpAddress = evidence.IpAddress, UserAgent = Truncate(evidence.UserAgent, 512),
        };
        try
        {
            await db.InTransactionAsync(async ct =>
            {
                db.Acknowledgements.Add(acknowledgement);
                var answered = await db.AcknowledgementRequests
                    .Where(r => r.MembershipId == me.Id && r.PolicyVersionId == version.Id && r.Status == RequestStatus.Open)
                    .ToListAsync(ct);
                foreach (var open in answered)
                {
                    open.Status = RequestStatus.Acknowledged;
                    open.AcknowledgedAt = now;
                    open.AcknowledgementId = acknowledgement.Id;
                    open.NextReminderAt = null;
                }

                // The payload is hashed forever: the person by membership id, no name, email, IP or typed name.
                db.Audit(RecordedAction, nameof(Acknowledgement), acknowledgement.Id.ToString(), tenant.Actor, Core.Audit.AuditEvents.AcknowledgementRecordedData(
                    request.Id, answered.Count, version.PolicyId, version.Id, version.Number, shownHash, evidence.Language, acknowledgement.Method.ToString(), evidence.TypedName is not null));
                return await db.SaveChangesAsync(ct);
            }, cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Another submit of the same person won the unique (person, version) index: theirs is the acknowledgement.
            db.ChangeTracker.Clear();
            existing = await ExistingAsync(version.Id, cancellationToken);
            if (existing is not null)
            {
                return new(AcknowledgeOutcome.AlreadyAcknowledged, existing);
            }

            throw;
        }

        return new(AcknowledgeOutcome.Recorded, acknowledgement.Id);
    }

    private Task<Guid?> ExistingAsync(Guid versionId, CancellationToken ct)
        => db.Acknowledgements.AsNoTracking().Where(a => a.MembershipId == tenant.Membership.Id && a.PolicyVersionId == versionId)
            .Select(a => (Guid?)a.Id).SingleOrDefaultAsync(ct);

    private static string? Truncate(string? value, int length) => value is null || value.Length <= length ? value : value[..length];
}
