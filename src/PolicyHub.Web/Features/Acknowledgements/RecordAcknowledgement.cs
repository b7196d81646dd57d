using PolicyHub.Core.Acknowledgements;
using PolicyHub.Core.Policies;

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
    /// <summary>The submitted form breaks a rule of the organisation (see <see cref="AcknowledgeResult.Problem"/>); nothing was recorded.</summary>
    Refused,
}

/// <summary>The outcome; for <see cref="AcknowledgeOutcome.Refused"/> the message and the form field it belongs to.</summary>
public sealed record AcknowledgeResult(AcknowledgeOutcome Outcome, Guid? AcknowledgementId = null, string? Problem = null, string? Field = null);

/// <summary>Who submitted, as the request that carried the form knows it.</summary>
public sealed record AcknowledgementSource(string Subject, string? IpAddress, string? UserAgent);

/// <summary>
/// Records that the signed-in person acknowledged the text of one of their requests. It owns the whole step from
/// the submitted form: the organisation's typed-name rule and the name match, the version in force, the language
/// shown and its fingerprint, the statement (both from <see cref="ReadingText"/>, as the page showed them); then the
/// evidence row, every open request of theirs for the same version answered by it, and the audit event, in one
/// transaction. Idempotent: the unique (person, version) index turns a concurrent second submit into "already
/// acknowledged". Any entry point (the page, later an API or a kiosk) goes through here.
/// </summary>
public sealed class RecordAcknowledgement(PolicyHubDbContext db, TenantContext tenant, ReadingText reading, ComprehensionChecks checks, TimeProvider time,
    Microsoft.Extensions.Localization.IStringLocalizer<SharedResource> l) : IStateChange
{

    /// <summary>Records the acknowledgement of <paramref name="request"/> with the submitted (shape-checked) form.</summary>
    /// <param name="request">One of the person's requests.</param>
    /// <param name="form">The submitted form.</param>
    /// <param name="source">Who submitted it, from where.</param>
    /// <param name="loaded">What <see cref="ReadingText"/> already loaded for this request in the form's language, so the page's reads are not repeated; loaded here when absent.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    public async Task<AcknowledgeResult> RecordAsync(AcknowledgementRequest request, AcknowledgeForm form, AcknowledgementSource source, Reading? loaded = null, CancellationToken cancellationToken = default)
    {
        var me = tenant.Membership;
        if (request.MembershipId != me.Id)
        {
            return new(AcknowledgeOutcome.NotFound);
        }

        var typedName = string.IsNullOrWhiteSpace(form.TypedName) ? null : AcknowledgeFormValidator.Collapse(form.TypedName);
        if (typedName is null && tenant.Tenant.RequireTypedName)
        {
            return Refused(l["Type your full name to sign."]);
        }

        if (typedName is not null && !AcknowledgeFormValidator.SameName(typedName, me.DisplayName))
        {
            return Refused(l["Type your full name as PolicyHub knows it: {0}.", me.DisplayName]);
        }

        if (request.PolicyVersionId != form.VersionId && request.Status == RequestStatus.Open)
        {
            return new(AcknowledgeOutcome.TextChanged);
        }

        var shown = loaded is not null && loaded.Version.Id == request.PolicyVersionId && (form.Language is null || form.Language == loaded.Shown.Language)
            ? loaded
            : await reading.LoadAsync(request, form.Language, cancellationToken);
        var version = shown.Version;

        var existing = await ExistingAsync(request.PolicyVersionId, cancellationToken);
        if (existing is not null)
        {
            return new(AcknowledgeOutcome.AlreadyAcknowledged, existing);
        }

        if (request.Status != RequestStatus.Open || version.Status != PolicyVersionStatus.Published)
        {
            return new(AcknowledgeOutcome.NoLongerInForce);
        }

        // The fingerprint of the text the person read: the version's, or its published translation's. A language the
        // page showed that has no published text (any more) means the person has not read what would be recorded.
        var language = shown.Shown.Language;
        var shownHash = shown.Shown.ContentHash;
        if ((form.Language is not null && form.Language != language) || shownHash.Length == 0)
        {
            return new(AcknowledgeOutcome.TextChanged);
        }

        // The comprehension check, where an open request of theirs asks for it, comes before the statement.
        var check = await checks.LoadAsync(me.Id, version.Id, cancellationToken);
        if (check.Pending)
        {
            return new(AcknowledgeOutcome.Refused, Problem: l["Answer the questions about the text first; then you can acknowledge it."], Field: string.Empty);
        }

        var now = time.GetUtcNow().UtcDateTime;
        var acknowledgement = new Acknowledgement
        {
            RequestId = request.Id, MembershipId = me.Id, PolicyId = version.PolicyId, PolicyVersionId = version.Id, VersionNumber = version.Number,
            ContentHash = shownHash, Statement = shown.Statement, Language = language, Method = AcknowledgementMethod.WebForm,
            TypedName = typedName, AcknowledgedAt = now, Subject = source.Subject, DisplayName = me.DisplayName, Email = me.Email,
            IpAddress = source.IpAddress, UserAgent = Truncate(source.UserAgent, 512),
            QuestionsHash = check.Passed ? check.Result!.QuestionsHash : null, QuestionAttempts = check.Passed ? check.Result!.Attempts : null,
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
                db.Audit(Core.Audit.AuditEvents.AcknowledgementRecorded(acknowledgement.Id,
                    request.Id, answered.Count, version.PolicyId, version.Id, version.Number, shownHash, language, acknowledgement.Method, typedName is not null,
                    acknowledgement.QuestionsHash, acknowledgement.QuestionAttempts), tenant.Actor);
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

    private static AcknowledgeResult Refused(string message) => new(AcknowledgeOutcome.Refused, Problem: message, Field: nameof(AcknowledgeForm.TypedName));

    private Task<Guid?> ExistingAsync(Guid versionId, CancellationToken ct)
        => db.Acknowledgements.AsNoTracking().Where(a => a.MembershipId == tenant.Membership.Id && a.PolicyVersionId == versionId)
            .Select(a => (Guid?)a.Id).SingleOrDefaultAsync(ct);

    private static string? Truncate(string? value, int length) => value is null || value.Length <= length ? value : value[..length];
}
