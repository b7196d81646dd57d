using System.Net;
using Microsoft.Extensions.Localization;
using PolicyHub.Core.Email;

namespace PolicyHub.Identity.Features.Account;

/// <summary>The account emails, written in the language of the request that causes them.</summary>
public sealed class AccountEmails(IStringLocalizer<SharedResource> l)
{
    public EmailMessage ConfirmEmail(string to, string name, string link) => Compose(to,
        l["Confirm your email address for PolicyHub"],
        l["Hello {0},", name],
        l["please confirm your email address to finish setting up your PolicyHub account:"],
        link,
        l["If you did not create an account, you can ignore this email."]);

    public EmailMessage AlreadyRegistered(string to, string name, string signInLink, string resetLink) => Compose(to,
        l["Your PolicyHub account"],
        l["Hello {0},", name],
        l["someone (perhaps you) tried to create a PolicyHub account with this email address, but an account already exists. You can sign in here:"],
        signInLink,
        l["Forgot your password? Reset it here: {0}", resetLink]);

    public EmailMessage ResetPassword(string to, string name, string link) => Compose(to,
        l["Reset your PolicyHub password"],
        l["Hello {0},", name],
        l["use this link to choose a new password. It is valid for one day:"],
        link,
        l["If you did not ask for this, you can ignore this email; your password stays the same."]);

    private static EmailMessage Compose(string to, string subject, string greeting, string intro, string link, string closing)
    {
        var text = $"{greeting}\n\n{intro}\n\n{link}\n\n{closing}\n\n— PolicyHub\n";
        var html = $"<p>{WebUtility.HtmlEncode(greeting)}</p><p>{WebUtility.HtmlEncode(intro)}</p>" +
                   $"<p><a href=\"{WebUtility.HtmlEncode(link)}\">{WebUtility.HtmlEncode(link)}</a></p>" +
                   $"<p>{WebUtility.HtmlEncode(closing)}</p><p>— PolicyHub</p>";
        return new EmailMessage(to, subject, text, html);
    }
}
