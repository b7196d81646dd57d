using PolicyHub.Core.Email;

namespace PolicyHub.ServiceDefaults.Email;

/// <summary>The embedded default: each message becomes an .eml file that any mail program opens.</summary>
public sealed class PickupDirectoryEmailSender(PickupDirectory directory, Microsoft.Extensions.Options.IOptions<EmailOptions> options, TimeProvider time)
    : IEmailSender
{
    public async Task SendAsync(EmailMessage message, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(directory.Path);
        using var mime = MimeMessages.Create(message, options.Value.From);
        var name = $"{time.GetUtcNow():yyyyMMdd'T'HHmmssfff}-{Guid.NewGuid():N}.eml";
        var temporary = System.IO.Path.Combine(directory.Path, name + ".tmp");
        await mime.WriteToAsync(temporary, cancellationToken);
        // Rename last so that a reader never sees half a message.
        File.Move(temporary, System.IO.Path.Combine(directory.Path, name));
    }
}

/// <summary>The resolved absolute folder of the pickup mailbox.</summary>
public sealed record PickupDirectory(string Path);
