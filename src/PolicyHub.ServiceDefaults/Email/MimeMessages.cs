using MimeKit;
using PolicyHub.Core.Email;

namespace PolicyHub.ServiceDefaults.Email;

internal static class MimeMessages
{
    public static MimeMessage Create(EmailMessage message, string from)
    {
        var mime = new MimeMessage();
        mime.From.Add(MailboxAddress.Parse(from));
        mime.To.Add(MailboxAddress.Parse(message.To));
        mime.Subject = message.Subject;
        if (message.MessageId is { } id)
        {
            mime.MessageId = $"{id}@policyhub";
        }

        var body = new BodyBuilder { TextBody = message.TextBody, HtmlBody = message.HtmlBody };
        mime.Body = body.ToMessageBody();
        return mime;
    }
}
