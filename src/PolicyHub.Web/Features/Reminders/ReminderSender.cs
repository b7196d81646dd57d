using PolicyHub.Core.Acknowledgements;
using PolicyHub.ServiceDefaults.Email;

namespace PolicyHub.Web.Features.Reminders;

public sealed record ReminderRoundResult(int Reminders, int OwnerEscalations, int ManagerEscalations, int SkippedToday, int ReviewReminders = 0)
{
    public static readonly ReminderRoundResult None = new(0, 0, 0, 0);

    public ReminderRoundResult Add(ReminderRoundResult other)
        => new(Reminders + other.Reminders, OwnerEscalations + other.OwnerEscalations, ManagerEscalations + other.ManagerEscalations, SkippedToday + other.SkippedToday,
            ReviewReminders + other.ReviewReminders);
}

/// <summary>
/// The reminder emails of one organisation. Each email is one transaction: the digest row (unique per
/// recipient, kind and day: the "one email a day" rule and the guard against a second instance or a retried
/// run), the outbox message, the requests' next reminder moments and the audit event. A crash before the commit
/// leaves everything due for the next round; after it, the outbox delivers. Nothing is sent twice.
/// </summary>
public sealed class ReminderSender(PolicyHubDbContext db, ReminderEmails emails, TimeProvider time, ILogger<ReminderSender> logger)
{

    public async Task<ReminderRoundResult> RunAsync(Tenant organisation, CancellationToken ct)
    {
        db.UseTenant(organisation.Id);
        var reminders = await SendDueRemindersAsync(organisation, onlyMembers: null, ct);
        return reminders.Add(await SendEscalationsAsync(organisation, ct));
    }

    /// <summary>Everyone with a reminder due now (or only the given people) gets one email listing all their open requests, unless they had one today.</summary>
    public async Task<ReminderRoundResult> SendDueRemindersAsync(Tenant organisation, IReadOnlyCollection<Guid>? onlyMembers, CancellationToken ct)
    {
        var now = Now();
        var due = db.AcknowledgementRequests.AsNoTracking().Where(r => r.Status == RequestStatus.Open && r.NextReminderAt <= now);
        if (onlyMembers is not null)
        {
            due = due.Where(r => onlyMembers.Contains(r.MembershipId));
        }

        var people = await due.Select(r => r.MembershipId).Distinct().ToListAsync(ct);
        var remindedToday = (await db.ReminderDigests.AsNoTracking().Where(d => d.Kind == DigestKind.Reminder && d.Day == now.Date)
            .Select(d => d.Recipient).ToListAsync(ct)).ToHashSet(StringComparer.Ordinal);
        int sent = 0, skipped = 0;
        foreach (var person in people)
        {
            if (remindedToday.Contains(person.ToString()) || !await RemindAsync(organisation, person, now, ct))
            {
                skipped++;
                continue;
            }

            sent++;
        }

        return new ReminderRoundResult(sent, 0, 0, skipped);
    }

    private async Task<bool> RemindAsync(Tenant organisation, Guid memberId, DateTime now, CancellationToken ct)
    {
        try
        {
            return await db.InTransactionAsync(async token =>
            {
                db.ChangeTracker.Clear();
                var person = await db.Memberships.AsNoTracking().SingleAsync(m => m.Id == memberId, token);
                if (!Membership.Reachable.Contains(person.Status))
                {
                    return false;
                }

                var open = await (
                        from r in db.AcknowledgementRequests
                        where r.MembershipId == memberId && r.Status == RequestStatus.Open
                        join a in db.Assignments on r.AssignmentId equals a.Id
                        join v in db.PolicyVersions on r.PolicyVersionId equals v.Id
                        join p in db.Policies on v.PolicyId equals p.Id
                        orderby r.DueAt
                        select new { Request = r, a.ReminderDaysBefore, a.OverdueReminderDays, p.Title, v.Number })
                    .ToListAsync(token);
                if (open.Count == 0)
                {
                    return false;
                }

                var digest = new ReminderDigest { Kind = DigestKind.Reminder, Recipient = memberId.ToString(), Day = now.Date, SentAt = now, Requests = open.Count };
                db.ReminderDigests.Add(digest);
                db.EnqueueEmail(emails.Reminder(organisation, person,
                    [.. open.Select(x => new ReminderLine(x.Request.Id, x.Title, x.Number, x.Request.DueAt, x.Request.IsOverdue(now)))]), time);
                foreach (var x in open.Where(x => x.Request.NextReminderAt <= now))
                {
                    x.Request.LastRemindedAt = now;
                    x.Request.RemindersSent++;
                    x.Request.NextReminderAt = ReminderSchedule.Next(x.Request.DueAt, x.ReminderDaysBefore, x.OverdueReminderDays, now);
                }

                db.Audit(Core.Audit.AuditEvents.ReminderSent(digest, open.Count(x => x.Request.IsOverdue(now))), Core.Audit.AuditActor.System);
                await db.SaveChangesAsync(token);
                return true;
            }, ct);
        }
        catch (DbUpdateException ex)
        {
            // The digest's unique index: another instance (or a parallel "remind now") sent today's email first.
            logger.LogInformation(ex, "A reminder for {Member} was already sent today.", memberId);
            db.ChangeTracker.Clear();
            return false;
        }
    }

    /// <summary>
    /// Requests that became overdue and were not escalated yet: each policy owner gets one summary a day of who is
    /// overdue on their policies; managers named on memberships get one for their people where the assignment asks.
    /// </summary>
    public async Task<ReminderRoundResult> SendEscalationsAsync(Tenant organisation, CancellationToken ct)
    {
        var now = Now();
        var owners = await (
                from r in db.AcknowledgementRequests
                where r.Status == RequestStatus.Open && r.DueAt < now && r.EscalatedAt == null
                join a in db.Assignments on r.AssignmentId equals a.Id
                join p in db.Policies on a.PolicyId equals p.Id
                select p.OwnerId)
            .Distinct().ToListAsync(ct);
        int ownerMails = 0, managerMails = 0;
        foreach (var owner in owners)
        {
            ownerMails += await EscalateToOwnerAsync(organisation, owner, now, ct) ? 1 : 0;
        }

        var managers = await (
                from r in db.AcknowledgementRequests
                where r.Status == RequestStatus.Open && r.DueAt < now && r.ManagerEscalatedAt == null
                join a in db.Assignments on r.AssignmentId equals a.Id
                where a.EscalateToManagers
                join m in db.Memberships on r.MembershipId equals m.Id
                where m.ManagerEmail != null
                select m.ManagerEmail!)
            .ToListAsync(ct);
        foreach (var manager in managers.Distinct(StringComparer.Ordinal))
        {
            managerMails += await EscalateToManagerAsync(organisation, manager, now, ct) ? 1 : 0;
        }

        return new ReminderRoundResult(0, ownerMails, managerMails, 0);
    }

    private Task<bool> EscalateToOwnerAsync(Tenant organisation, Guid ownerId, DateTime now, CancellationToken ct) => OnceTodayAsync(async token =>
    {
        var owner = await db.Memberships.AsNoTracking().SingleAsync(m => m.Id == ownerId, token);
        if (owner.Status == MembershipStatus.Deactivated)
        {
            logger.LogWarning("Overdue acknowledgements on policies of deactivated owner {Owner} are not escalated: give the policies a new owner.", ownerId);
            return false;
        }

        var overdue = await (
                from r in db.AcknowledgementRequests
                where r.Status == RequestStatus.Open && r.DueAt < now
                join a in db.Assignments on r.AssignmentId equals a.Id
                join p in db.Policies on a.PolicyId equals p.Id
                where p.OwnerId == ownerId
                join m in db.Memberships on r.MembershipId equals m.Id
                orderby p.Title, m.DisplayName
                select new { Request = r, Line = new OverdueLine(a.Id, p.Title, m.DisplayName, r.DueAt) })
            .ToListAsync(token);
        var fresh = overdue.Where(x => x.Request.EscalatedAt == null).ToList();
        if (fresh.Count == 0)
        {
            return false;
        }

        var digest = new ReminderDigest { Kind = DigestKind.OwnerEscalation, Recipient = ownerId.ToString(), Day = now.Date, SentAt = now, Requests = overdue.Count };
        db.ReminderDigests.Add(digest);
        db.EnqueueEmail(emails.OwnerEscalation(organisation, owner, [.. overdue.Select(x => x.Line)], fresh.Count), time);
        foreach (var x in fresh)
        {
            x.Request.EscalatedAt = now;
        }

        db.Audit(Core.Audit.AuditEvents.OwnerEscalationSent(digest, fresh.Count), Core.Audit.AuditActor.System);
        return true;
    }, ct);

    private Task<bool> EscalateToManagerAsync(Tenant organisation, string managerEmail, DateTime now, CancellationToken ct) => OnceTodayAsync(async token =>
    {
        var normalized = Membership.Normalize(managerEmail);
        var fresh = await (
                from r in db.AcknowledgementRequests
                where r.Status == RequestStatus.Open && r.DueAt < now && r.ManagerEscalatedAt == null
                join a in db.Assignments on r.AssignmentId equals a.Id
                where a.EscalateToManagers
                join m in db.Memberships on r.MembershipId equals m.Id
                where m.ManagerEmail == managerEmail
                join p in db.Policies on a.PolicyId equals p.Id
                orderby m.DisplayName, p.Title
                select new { Request = r, Line = new OverdueLine(a.Id, p.Title, m.DisplayName, r.DueAt) })
            .ToListAsync(token);
        if (fresh.Count == 0)
        {
            return false;
        }

        var digest = new ReminderDigest { Kind = DigestKind.ManagerEscalation, Recipient = normalized, Day = now.Date, SentAt = now, Requests = fresh.Count };
        db.ReminderDigests.Add(digest);
        db.EnqueueEmail(emails.ManagerEscalation(organisation, managerEmail.Trim(), [.. fresh.Select(x => x.Line)]), time);
        foreach (var x in fresh)
        {
            x.Request.ManagerEscalatedAt = now;
        }

        // The manager's address is personal data and stays out of the hashed payload; the digest row keeps it.
        db.Audit(Core.Audit.AuditEvents.ManagerEscalationSent(digest), Core.Audit.AuditActor.System);
        return true;
    }, ct);

    private async Task<bool> OnceTodayAsync(Func<CancellationToken, Task<bool>> send, CancellationToken ct)
    {
        try
        {
            return await db.InTransactionAsync(async token =>
            {
                db.ChangeTracker.Clear();
                if (!await send(token))
                {
                    return false;
                }

                await db.SaveChangesAsync(token);
                return true;
            }, ct);
        }
        catch (DbUpdateException ex)
        {
            logger.LogInformation(ex, "An escalation was already sent today.");
            db.ChangeTracker.Clear();
            return false;
        }
    }

    private DateTime Now() => time.GetUtcNow().UtcDateTime;
}
