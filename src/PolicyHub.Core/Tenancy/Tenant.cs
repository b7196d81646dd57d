namespace PolicyHub.Core.Tenancy;

/// <summary>An organisation: a company using PolicyHub. Everything else a company owns hangs off it.</summary>
public sealed class Tenant
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    /// <summary>The organisation's name in URLs: /o/{slug}/…; lower-case letters, digits and hyphens.</summary>
    public required string Slug { get; set; }

    public required string Name { get; set; }

    /// <summary>"en" or "de": the language of invitations and the fallback for members without a preference.</summary>
    public string DefaultCulture { get; set; } = "en";

    public DateTime CreatedAt { get; set; }

    /// <summary>Four-eyes approval: a policy version must be approved by someone other than its author.</summary>
    public bool FourEyesApproval { get; set; } = true;

    /// <summary>Acknowledging asks the person to type their full name as well as tick the statement.</summary>
    public bool RequireTypedName { get; set; }

    /// <summary>The reminder schedule new assignments start with (see Acknowledgements.ReminderSchedule).</summary>
    public string ReminderDaysBefore { get; set; } = "7,1";

    public int OverdueReminderDays { get; set; } = 3;

    /// <summary>A version waiting this many days for review reminds its reviewers (again every as many days); 0 sends none.</summary>
    public int ReviewReminderDays { get; set; } = 3;

    /// <summary>Changed on every update, so two administrators editing settings do not silently overwrite each other.</summary>
    public Guid ConcurrencyStamp { get; set; } = Guid.NewGuid();
}
