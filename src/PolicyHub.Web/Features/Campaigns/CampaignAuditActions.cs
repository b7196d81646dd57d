namespace PolicyHub.Web.Features.Campaigns;

/// <summary>The audit actions of assignments (documented in docs/audit-verification.md).</summary>
public static class CampaignAuditActions
{
    public const string Created = "assignment.created";
    public const string MovedToVersion = "assignment.moved_to_version";
    public const string ReminderRequested = "assignment.reminder_requested";
}
