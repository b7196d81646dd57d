namespace PolicyHub.Web.Features.Reminders;

/// <summary>Settings of the reminder scheduler (section "Reminders") and the address links in emails point to.</summary>
public sealed class ReminderOptions
{
    public const string Section = "Reminders";

    /// <summary>How often an instance checks whether reminders are due.</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>How long a round may hold the lease before another instance may take over (a crashed holder's lease runs out).</summary>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>The address people open PolicyHub at ("PublicUrl" at the top level of the configuration), for links in emails.</summary>
    public string PublicUrl { get; set; } = string.Empty;
}
