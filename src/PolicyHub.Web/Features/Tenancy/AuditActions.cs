namespace PolicyHub.Web.Features.Tenancy;

/// <summary>The names of audit events written by the organisation features (documented in docs/audit-verification.md).</summary>
public static class AuditActions
{
    public const string OrganisationCreated = Data.Web.PolicyHubDbContext.OrganisationCreated;
    public const string OrganisationSettingsChanged = "organisation.settings_changed";
    public const string MemberInvited = "member.invited";
    public const string InvitationResent = "member.invitation_resent";
    public const string MemberJoined = "member.joined";
    public const string InvitationDeclined = "member.invitation_declined";
    public const string MemberChanged = "member.changed";
    public const string MemberDeactivated = "member.deactivated";
    public const string MemberReactivated = "member.reactivated";
    public const string MembersImported = "members.imported";

    /// <summary>"department.created", "location.created" …</summary>
    public static string UnitCreated(string kind) => kind + ".created";

    public static string UnitRenamed(string kind) => kind + ".renamed";

    public static string UnitDeleted(string kind) => kind + ".deleted";
}
