namespace PolicyHub.ServiceDefaults.Email;

public enum EmailDelivery
{
    /// <summary>Writes each message as an .eml file into a folder: the embedded default, nothing to install.</summary>
    Pickup,
    /// <summary>Sends through an SMTP server (MailKit).</summary>
    Smtp,
}

public enum SmtpSecurity
{
    None,
    Auto,
    StartTls,
    SslOnConnect,
}

/// <summary>The "Email" configuration section.</summary>
public sealed class EmailOptions
{
    public const string SectionName = "Email";

    public EmailDelivery Delivery { get; set; } = EmailDelivery.Pickup;
    public string From { get; set; } = "PolicyHub <no-reply@policyhub.localhost>";

    /// <summary>Folder for .eml files; relative paths resolve against the database data folder.</summary>
    public string PickupDirectory { get; set; } = "mail";

    public SmtpSettings Smtp { get; set; } = new();
    public OutboxSettings Outbox { get; set; } = new();
}

public sealed class SmtpSettings
{
    public string Host { get; set; } = "localhost";
    public int Port { get; set; } = 25;
    public SmtpSecurity Security { get; set; } = SmtpSecurity.Auto;
    public string? UserName { get; set; }
    public string? Password { get; set; }
}

public sealed class OutboxSettings
{
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(10);
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromMinutes(2);
    public TimeSpan BaseRetryDelay { get; set; } = TimeSpan.FromSeconds(30);
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromHours(1);
    public int MaxAttempts { get; set; } = 10;
    public int BatchSize { get; set; } = 20;
}
