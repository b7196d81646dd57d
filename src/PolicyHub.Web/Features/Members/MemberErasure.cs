using System.Net;
using PolicyHub.Core.Acknowledgements;
using PolicyHub.Core.Email;

namespace PolicyHub.Web.Features.Members;

public enum ErasureOutcome
{
    Erased,
    NotDeactivated,
    AlreadyErased,
}

public sealed record ErasureResult(ErasureOutcome Outcome, int Acknowledgements = 0, int Emails = 0, int ManagerReferences = 0);

/// <summary>
/// Erases a former member's personal data on request, in one transaction with its audit event. The person stays in
/// the records under their pseudonym (the membership id the hashed audit trail has always used), so their
/// acknowledgements remain evidence of which text was acknowledged when; what identified them goes: name, email,
/// sign-in subject, manager address, the name and email copied into their acknowledgements, the name they typed, IP
/// address and browser, and every mention of their name or address in this organisation's email outbox. Other
/// members whose manager they were lose that address. The hashed trail needs no change: it never held any of it.
/// On SQLite, deleted content is overwritten (secure_delete, set on every connection) and the write-ahead log is
/// emptied afterwards, so the old values do not linger in the file.
/// </summary>
public sealed class MemberErasure(PolicyHubDbContext db, TimeProvider time)
{

    /// <summary>The pseudonymous name shown in place of the erased one: "erased-" and the random end of the membership id.</summary>
    public static string PseudonymName(Guid membershipId) => "erased-" + membershipId.ToString("N")[20..];

    /// <summary>An address that can never receive mail (RFC 2606 .invalid) and stays unique per organisation.</summary>
    public static string PseudonymEmail(Guid membershipId) => $"erased-{membershipId:N}@erased.invalid";

    public async Task<ErasureResult> EraseAsync(Guid membershipId, string actor, CancellationToken ct)
    {
        var result = await db.InTransactionAsync(async token =>
        {
            var member = await db.Memberships.SingleAsync(m => m.Id == membershipId, token);
            if (member.ErasedAt is not null)
            {
                return new ErasureResult(ErasureOutcome.AlreadyErased);
            }

            if (member.Status != MembershipStatus.Deactivated)
            {
                return new ErasureResult(ErasureOutcome.NotDeactivated);
            }

            var now = time.GetUtcNow().UtcDateTime;
            var name = member.DisplayName;
            var email = member.Email;
            var normalized = member.NormalizedEmail;
            var pseudonym = PseudonymName(member.Id);
            var pseudonymEmail = PseudonymEmail(member.Id);

            member.DisplayName = pseudonym;
            member.Email = pseudonymEmail;
            member.NormalizedEmail = Membership.Normalize(pseudonymEmail);
            member.Subject = null;
            member.ManagerEmail = null;
            member.ErasedAt = now;
            member.ConcurrencyStamp = Guid.NewGuid();

            // Every name they went by here: now, when they acknowledged, and as they typed it.
            var signed = await db.Acknowledgements.Where(a => a.MembershipId == member.Id).Select(a => new { a.DisplayName, a.TypedName, a.Email }).Distinct().ToListAsync(token);
            var names = signed.SelectMany(a => new[] { a.DisplayName, a.TypedName }).Append(name).OfType<string>()
                .Select(n => n.Trim()).Where(n => n.Length >= 2).Distinct(StringComparer.Ordinal).OrderByDescending(n => n.Length).ToList();
            var addresses = signed.Select(a => a.Email.Trim()).Append(email.Trim()).Distinct(StringComparer.OrdinalIgnoreCase).ToList();

            // The evidence stays (version, fingerprint, statement, language, method, time); who it was goes.
            var acknowledgements = await db.Acknowledgements.Where(a => a.MembershipId == member.Id).UpdateInTenantAsync(db, s => s
                .SetProperty(a => a.DisplayName, pseudonym)
                .SetProperty(a => a.Email, pseudonymEmail)
                .SetProperty(a => a.TypedName, a => a.TypedName == null ? null : pseudonym)
                .SetProperty(a => a.Subject, "erased")
                .SetProperty(a => a.IpAddress, (string?)null)
                .SetProperty(a => a.UserAgent, (string?)null), token);

            // Whom they managed: the address is theirs, and escalations to it would reach nobody now.
            var likeEmail = Like(email.Trim());
            var managed = (await db.Memberships.Where(m => m.Id != member.Id && m.ManagerEmail != null && EF.Functions.Like(m.ManagerEmail, likeEmail, "\\")).ToListAsync(token))
                .Where(m => Membership.Normalize(m.ManagerEmail!) == normalized).ToList();
            foreach (var other in managed)
            {
                other.ManagerEmail = null;
                other.ConcurrencyStamp = Guid.NewGuid();
                db.Audit(Core.Audit.AuditEvents.ManagerErased(other), actor);
            }

            await db.ReminderDigests.Where(d => d.Kind == DigestKind.ManagerEscalation && d.Recipient == normalized)
                .UpdateInTenantAsync(db, s => s.SetProperty(d => d.Recipient, "erased:" + member.Id), token);

            var emails = 0;
            foreach (var address in addresses)
            {
                emails += await RedactOutboxAsync(address, names, pseudonym, pseudonymEmail, now, token);
            }

            db.Audit(Core.Audit.AuditEvents.MemberErased(member, acknowledgements, emails, managed.Count), actor);
            await db.SaveChangesAsync(token);
            return new ErasureResult(ErasureOutcome.Erased, acknowledgements, emails, managed.Count);
        }, ct);

        if (result.Outcome == ErasureOutcome.Erased)
        {
            await SqliteWriteAheadLog.TruncateAsync(db, ct);
        }

        return result;
    }

    /// <summary>A LIKE pattern matching the text exactly (case-insensitively where the database compares so).</summary>
    private static string Like(string text) => SqlLike.Escape(text);

    /// <summary>
    /// Rewrites this organisation's outbox messages (and older ones written before messages named their
    /// organisation) that mention the person: their name and address become the pseudonyms; unsent mail to them is
    /// cancelled.
    /// </summary>
    private async Task<int> RedactOutboxAsync(string email, IReadOnlyList<string> names, string pseudonym, string pseudonymEmail, DateTime now, CancellationToken ct)
    {
        var tenantId = db.CurrentTenantId;
        var byEmail = $"%{Like(email)}%";
        var candidates = new Dictionary<long, OutboxMessage>();
        var scope = db.OutboxMessages.Where(m => EF.Property<Guid?>(m, PolicyHubDbContext.OutboxTenantId) == tenantId || EF.Property<Guid?>(m, PolicyHubDbContext.OutboxTenantId) == null);
        foreach (var pattern in names.SelectMany(n => new[] { n, WebUtility.HtmlEncode(n) }).Distinct(StringComparer.Ordinal).Select(n => $"%{Like(n)}%").Append(byEmail))
        {
            // LIKE finds the rows; the exact replacements below decide what changes.
            var found = await scope.Where(m => EF.Functions.Like(m.To, pattern, "\\") || EF.Functions.Like(m.Subject, pattern, "\\")
                                               || EF.Functions.Like(m.TextBody, pattern, "\\") || (m.HtmlBody != null && EF.Functions.Like(m.HtmlBody, pattern, "\\")))
                .ToListAsync(ct);
            foreach (var message in found)
            {
                candidates.TryAdd(message.Id, message);
            }
        }

        var count = 0;
        foreach (var message in candidates.Values)
        {
            var toThem = string.Equals(message.To.Trim(), email, StringComparison.OrdinalIgnoreCase);
            var subject = Redact(message.Subject);
            var text = Redact(message.TextBody);
            var html = message.HtmlBody is null ? null : Redact(message.HtmlBody);
            if (!toThem && subject == message.Subject && text == message.TextBody && html == message.HtmlBody)
            {
                continue;
            }

            if (toThem)
            {
                message.To = pseudonymEmail;
                if (message.SentAt is null && message.FailedAt is null)
                {
                    message.FailedAt = now;
                    message.LastError = "Not sent: the recipient's personal data was erased.";
                }
            }

            message.Subject = subject;
            message.TextBody = text;
            message.HtmlBody = html;
            count++;
        }

        return count;

        string Redact(string value)
        {
            value = value.Replace(email, pseudonymEmail, StringComparison.OrdinalIgnoreCase);
            foreach (var name in names)
            {
                value = value.Replace(name, pseudonym, StringComparison.Ordinal).Replace(WebUtility.HtmlEncode(name), pseudonym, StringComparison.Ordinal);
            }

            return value;
        }
    }
}
