using Microsoft.Extensions.Options;
using PolicyHub.Core.Email;
using PolicyHub.Core.Policies;
using PolicyHub.Web.Features.Reminders;
using PolicyHub.Web.Features.Email;

namespace PolicyHub.Web.Features.Policies;

/// <summary>
/// The review's emails, in the organisation's language, each linking to where the next step is taken: to a reviewer
/// when a version waits for them, to the author when it is approved or comes back with requested changes.
/// </summary>
public sealed class ReviewEmails(IStringLocalizer<SharedResource> l, IOptions<ReminderOptions> options)
{
    private string BaseUrl => options.Value.PublicUrl.TrimEnd('/');

    public EmailMessage ReviewRequested(Tenant organisation, Policy policy, PolicyVersion version, Membership reviewer, string author) => OrganisationEmail.InCulture(organisation, () =>
        OrganisationEmail.Compose(reviewer.Email,
            l["{0}: version {1} of “{2}” waits for your review", organisation.Name, version.Number, policy.Title].Value,
            l["Hello {0},", reviewer.DisplayName].Value,
            l["{0} submitted version {1} of “{2}” for review.", author, version.Number, policy.Title].Value,
            [(l["Read version {0} and review it", version.Number].Value, $"{BaseUrl}/o/{organisation.Slug}/policies/{policy.Id}/versions/{version.Number}")],
            l["On the version's page you approve it or request changes, with a comment for the author."].Value));

    public EmailMessage ReviewReminder(Tenant organisation, Policy policy, PolicyVersion version, Membership reviewer, int days) => OrganisationEmail.InCulture(organisation, () =>
        OrganisationEmail.Compose(reviewer.Email,
            l["{0}: version {1} of “{2}” still waits for your review", organisation.Name, version.Number, policy.Title].Value,
            l["Hello {0},", reviewer.DisplayName].Value,
            Plural.Of(days,
                l["Version {0} of “{1}” has been waiting for review for {2} day.", version.Number, policy.Title, days],
                l["Version {0} of “{1}” has been waiting for review for {2} days.", version.Number, policy.Title, days]).Value,
            [(l["Read version {0} and review it", version.Number].Value, $"{BaseUrl}/o/{organisation.Slug}/policies/{policy.Id}/versions/{version.Number}")],
            l["On the version's page you approve it or request changes, with a comment for the author."].Value));

    public EmailMessage Approved(Tenant organisation, Policy policy, PolicyVersion version, Membership author, string reviewer, string? comment) => OrganisationEmail.InCulture(organisation, () =>
        OrganisationEmail.Compose(author.Email,
            l["{0}: version {1} of “{2}” is approved", organisation.Name, version.Number, policy.Title].Value,
            l["Hello {0},", author.DisplayName].Value,
            string.IsNullOrEmpty(comment)
                ? l["{0} approved version {1} of “{2}”. It can be published now.", reviewer, version.Number, policy.Title].Value
                : l["{0} approved version {1} of “{2}” and wrote: “{3}”. It can be published now.", reviewer, version.Number, policy.Title, comment].Value,
            [(l["Open the policy"].Value, $"{BaseUrl}/o/{organisation.Slug}/policies/{policy.Id}")],
            l["Publishing freezes the text; the page says first whom it asks."].Value));

    public EmailMessage ChangesRequested(Tenant organisation, Policy policy, PolicyVersion version, Membership author, string reviewer, string reason) => OrganisationEmail.InCulture(organisation, () =>
        OrganisationEmail.Compose(author.Email,
            l["{0}: changes requested for version {1} of “{2}”", organisation.Name, version.Number, policy.Title].Value,
            l["Hello {0},", author.DisplayName].Value,
            l["{0} asks for changes to version {1} of “{2}”: “{3}”", reviewer, version.Number, policy.Title, reason].Value,
            [(l["Open the draft"].Value, $"{BaseUrl}/o/{organisation.Slug}/policies/{policy.Id}/versions/{version.Number}/edit")],
            l["When the text is ready, submit it for review again."].Value));
}
