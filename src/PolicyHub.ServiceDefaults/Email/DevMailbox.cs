using MimeKit;

namespace PolicyHub.ServiceDefaults.Email;

/// <summary>Reads the pickup folder for the Development mailbox page.</summary>
public sealed class DevMailbox(PickupDirectory directory)
{
    public sealed record Entry(string Id, DateTime ReceivedAt, string To, string Subject);

    public sealed record Message(string Id, string From, string To, string Subject, DateTime ReceivedAt, string? TextBody, string? HtmlBody);

    public IReadOnlyList<Entry> List(int max = 200)
    {
        if (!Directory.Exists(directory.Path))
        {
            return [];
        }

        return new DirectoryInfo(directory.Path).GetFiles("*.eml")
            .OrderByDescending(f => f.Name, StringComparer.Ordinal)
            .Take(max)
            .Select(f =>
            {
                using var mime = MimeMessage.Load(f.FullName);
                return new Entry(Path.GetFileNameWithoutExtension(f.Name), f.CreationTimeUtc, mime.To.ToString(), mime.Subject ?? string.Empty);
            })
            .ToList();
    }

    public Message? Find(string id)
    {
        // The id comes from a URL: accept only names this class produced, never a path.
        if (string.IsNullOrEmpty(id) || id.Any(c => !(char.IsAsciiLetterOrDigit(c) || c is '-')))
        {
            return null;
        }

        var file = Path.Combine(directory.Path, id + ".eml");
        if (!File.Exists(file))
        {
            return null;
        }

        using var mime = MimeMessage.Load(file);
        return new Message(id, mime.From.ToString(), mime.To.ToString(), mime.Subject ?? string.Empty, File.GetCreationTimeUtc(file), mime.TextBody, mime.HtmlBody);
    }
}
