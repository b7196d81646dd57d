using System.Globalization;
using System.Net;
using System.Text;
using PolicyHub.Core.Email;

namespace PolicyHub.Web.Features.Email;

/// <summary>
/// The shape of every email an organisation sends its people (reminders, reviews): greeting, introduction, a list of
/// lines with links, closing — plain text and HTML, written in the organisation's language.
/// </summary>
public static class OrganisationEmail
{
    public static EmailMessage Compose(string to, string subject, string greeting, string intro, IReadOnlyList<(string Text, string? Link)> items, string outro)
    {
        var text = new StringBuilder().Append(greeting).Append("\n\n").Append(intro).Append("\n\n");
        var html = new StringBuilder().Append(CultureInfo.InvariantCulture, $"<p>{WebUtility.HtmlEncode(greeting)}</p><p>{WebUtility.HtmlEncode(intro)}</p><ul>");
        foreach (var (line, link) in items)
        {
            text.Append("- ").Append(line).Append('\n');
            if (link is not null)
            {
                text.Append("  ").Append(link).Append('\n');
                html.Append(CultureInfo.InvariantCulture, $"<li><a href=\"{WebUtility.HtmlEncode(link)}\">{WebUtility.HtmlEncode(line)}</a></li>");
            }
            else
            {
                html.Append(CultureInfo.InvariantCulture, $"<li>{WebUtility.HtmlEncode(line)}</li>");
            }
        }

        text.Append('\n').Append(outro).Append("\n\n— PolicyHub\n");
        html.Append(CultureInfo.InvariantCulture, $"</ul><p>{WebUtility.HtmlEncode(outro)}</p><p>— PolicyHub</p>");
        return new EmailMessage(to, subject, text.ToString(), html.ToString());
    }

    public static EmailMessage InCulture(Tenant organisation, Func<EmailMessage> compose)
    {
        var (ui, format) = (CultureInfo.CurrentUICulture, CultureInfo.CurrentCulture);
        CultureInfo.CurrentUICulture = CultureInfo.CurrentCulture = new CultureInfo(organisation.DefaultCulture);
        try
        {
            return compose();
        }
        finally
        {
            (CultureInfo.CurrentUICulture, CultureInfo.CurrentCulture) = (ui, format);
        }
    }
}
