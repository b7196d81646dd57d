using PolicyHub.Core.Text;
using System.Globalization;
using System.Net;
using PolicyHub.Core.Email;
using PolicyHub.ServiceDefaults.Email;

namespace PolicyHub.Web.Features.Members;

/// <summary>
/// Adds an invited member and queues the invitation email in the caller's transaction, with the audit event.
/// The email is written in the organisation's default language and links to PolicyHub, where the person signs in
/// (or registers) with the invited, verified address and chooses Join or Decline; nothing is bound before that.
/// </summary>
public sealed class MemberInvitations(PolicyHubDbContext db, IStringLocalizer<SharedResource> l, TimeProvider time)
{
    public Membership Invite(Tenant organisation, Membership inviter, string email, string displayName,
        TenantRoles roles, Guid? departmentId, Guid? locationId, string applicationUrl)
    {
        var membership = new Membership
        {
            Email = email.Trim(),
            NormalizedEmail = Membership.Normalize(email),
            DisplayName = TextRules.NormalizeName(displayName)!,
            Roles = roles,
            DepartmentId = departmentId,
            LocationId = locationId,
            Status = MembershipStatus.Invited,
            InvitedAt = time.GetUtcNow().UtcDateTime,
            InvitedById = inviter.Id,
        };
        db.Memberships.Add(membership);
        db.Audit(Core.Audit.AuditEvents.MemberInvited(membership), inviter.Id.ToString());
        Send(organisation, membership, inviter.DisplayName, applicationUrl);
        return membership;
    }

    /// <summary>Sends a tracked, still invited (or declined) member's invitation again; a declined one is open again.</summary>
    public void Resend(Tenant organisation, Membership membership, Membership inviter, string applicationUrl)
    {
        var reopened = membership.Status == MembershipStatus.Declined;
        membership.Status = MembershipStatus.Invited;
        membership.DeclinedAt = null;
        membership.InvitedById = inviter.Id;
        membership.ConcurrencyStamp = Guid.NewGuid();
        db.Audit(Core.Audit.AuditEvents.InvitationResent(membership, reopened), inviter.Id.ToString());
        Send(organisation, membership, inviter.DisplayName, applicationUrl);
    }

    private void Send(Tenant organisation, Membership membership, string inviterName, string applicationUrl)
    {
        var link = $"{applicationUrl.TrimEnd('/')}/invitations/accept?org={Uri.EscapeDataString(organisation.Slug)}";
        var previous = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = new CultureInfo(organisation.DefaultCulture);
        try
        {
            var subject = l["{0} invites you to PolicyHub", organisation.Name].Value;
            var greeting = l["Hello {0},", membership.DisplayName].Value;
            var intro = l["{0} has invited you to join {1} on PolicyHub, where you read and acknowledge your organisation's guidelines.", inviterName, organisation.Name].Value;
            var action = l["Open this link and sign in, or create your account with this email address ({0}):", membership.Email].Value;
            var text = $"{greeting}\n\n{intro}\n\n{action}\n\n{link}\n\n— PolicyHub\n";
            var html = $"<p>{WebUtility.HtmlEncode(greeting)}</p><p>{WebUtility.HtmlEncode(intro)}</p><p>{WebUtility.HtmlEncode(action)}</p>" +
                       $"<p><a href=\"{WebUtility.HtmlEncode(link)}\">{WebUtility.HtmlEncode(link)}</a></p><p>— PolicyHub</p>";
            db.EnqueueEmail(new EmailMessage(membership.Email, subject, text, html), time);
        }
        finally
        {
            CultureInfo.CurrentUICulture = previous;
        }
    }
}
