namespace PolicyHub.Web.Features.Tenancy;

/// <summary>The names of audit events written by the organisation features (documented in docs/audit-verification.md).</summary>
public static class AuditActions
{
    public const string OrganisationCreated = Data.Web.PolicyHubDbContext.OrganisationCreated;
    public const string OrganisationSettingsChanged = Core.Audit.AuditEvents.OrganisationSettingsChanged;
    public const string MemberInvited = Core.Audit.AuditEvents.MemberInvited;
    public const string InvitationResent = Core.Audit.AuditEvents.InvitationResent;
    public const string MemberJoined = Core.Audit.AuditEvents.MemberJoined;
    public const string InvitationDeclined = Core.Audit.AuditEvents.InvitationDeclined;
    public const string MemberChanged = Core.Audit.AuditEvents.MemberChanged;
    public const string MemberDeactivated = Core.Audit.AuditEvents.MemberDeactivated;
    public const string MemberReactivated = Core.Audit.AuditEvents.MemberReactivated;
    public const string MembersImported = Core.Audit.AuditEvents.MembersImported;

    /// <summary>"department.created", "location.created" …</summary>
    public static string UnitCreated(string kind) => Core.Audit.AuditEvents.UnitCreated(kind);

    public static string UnitRenamed(string kind) => Core.Audit.AuditEvents.UnitRenamed(kind);

    public static string UnitDeleted(string kind) => Core.Audit.AuditEvents.UnitDeleted(kind);
}
