using System.Globalization;
using Microsoft.Extensions.Options;
using PolicyHub.Core.Email;
using PolicyHub.Web.Features.Email;

namespace PolicyHub.Web.Features.Reminders;

/// <summary>One open request as an email lists it.</summary>
public sealed record ReminderLine(Guid RequestId, string Title, int Version, DateTime DueAt, bool Overdue);

/// <summary>One person who is overdue, as an escalation lists them.</summary>
public sealed record OverdueLine(Guid AssignmentId, string Policy, string Person, DateTime DueAt);

/// <summary>The scheduler's emails, written in the organisation's language, plain text and HTML.</summary>
public sealed class ReminderEmails(IStringLocalizer<SharedResource> l, IOptions<ReminderOptions> options)
{
    private string BaseUrl => options.Value.PublicUrl.TrimEnd('/');

    public EmailMessage Reminder(Tenant organisation, Membership person, IReadOnlyList<ReminderLine> lines) => OrganisationEmail.InCulture(organisation, () =>
    {
        var overdue = lines.Count(x => x.Overdue);
        var subject = overdue > 0
            ? l["{0}: {1} policies to acknowledge, {2} overdue", organisation.Name, lines.Count, overdue].Value
            : l["{0}: {1} policies to acknowledge", organisation.Name, lines.Count].Value;
        var items = lines.Select(x => (
            Text: $"{x.Title} ({l["Version {0}", x.Version].Value}) {(x.Overdue ? l["— overdue since {0}", Day(x.DueAt)].Value : l["— due by {0}", Day(x.DueAt)].Value)}",
            Link: (string?)$"{BaseUrl}/o/{organisation.Slug}/requests/{x.RequestId}")).ToList();
        return OrganisationEmail.Compose(person.Email, subject, l["Hello {0},", person.DisplayName].Value,
            l["please read and acknowledge these policies of {0}:", organisation.Name].Value, items,
            l["You get at most one such email a day. Everything you acknowledged is on your PolicyHub page: {0}", $"{BaseUrl}/o/{organisation.Slug}"].Value);
    });

    public EmailMessage OwnerEscalation(Tenant organisation, Membership owner, IReadOnlyList<OverdueLine> overdue, int newlyOverdue) => OrganisationEmail.InCulture(organisation, () =>
    {
        var subject = l["{0}: {1} people are overdue with acknowledgements", organisation.Name, overdue.Count].Value;
        var items = overdue.GroupBy(x => (x.AssignmentId, x.Policy)).Select(g => (
            Text: $"{g.Key.Policy}: {string.Join(", ", g.Select(x => x.Person).Take(20))}{(g.Count() > 20 ? $" {l["and {0} more", g.Count() - 20].Value}" : string.Empty)}",
            Link: (string?)$"{BaseUrl}/o/{organisation.Slug}/assignments/{g.Key.AssignmentId}")).ToList();
        return OrganisationEmail.Compose(owner.Email, subject, l["Hello {0},", owner.DisplayName].Value,
            l["these people have not acknowledged your policies by the due date ({0} newly overdue since the last summary):", newlyOverdue].Value, items,
            l["Each person is reminded automatically. The dashboards show the details and can send a reminder now."].Value);
    });

    public EmailMessage ManagerEscalation(Tenant organisation, string managerEmail, IReadOnlyList<OverdueLine> overdue) => OrganisationEmail.InCulture(organisation, () =>
    {
        var subject = l["{0}: people on your team are overdue with acknowledgements", organisation.Name].Value;
        var items = overdue.Select(x => (Text: $"{x.Person}: {x.Policy} {l["— overdue since {0}", Day(x.DueAt)].Value}", Link: (string?)null)).ToList();
        return OrganisationEmail.Compose(managerEmail, subject, l["Hello,"].Value,
            l["you are named as the manager of these people in {0}, who have not acknowledged a policy by its due date:", organisation.Name].Value, items,
            l["They have been reminded. Perhaps you can help them find the time."].Value);
    });

    private static string Day(DateTime value) => value.ToString("d", CultureInfo.CurrentCulture);
}
