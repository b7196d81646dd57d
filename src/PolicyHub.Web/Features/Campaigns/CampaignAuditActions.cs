namespace PolicyHub.Web.Features.Campaigns;

/// <summary>The audit actions of assignments (documented in docs/audit-verification.md).</summary>
public static class CampaignAuditActions
{
    public const string Created = Core.Audit.AuditEvents.AssignmentCreated;
    public const string MovedToVersion = Core.Audit.AuditEvents.AssignmentMovedToVersion;
    public const string ReminderRequested = Core.Audit.AuditEvents.AssignmentReminderRequested;
}
