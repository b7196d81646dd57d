using System.Reflection;
using System.Text.Json.Nodes;

namespace PolicyHub.Core.Audit;

/// <summary>
/// The catalog of audit events: every event name PolicyHub writes, in one place (docs/audit-verification.md lists
/// them with their payloads; a test keeps the two in step). Payloads that more than one writer builds have their
/// factory here, so the app and the data generator cannot drift apart.
/// </summary>
public static class AuditEvents
{
    public const string OrganisationCreated = "organisation.created";
    public const string OrganisationSettingsChanged = "organisation.settings_changed";

    public const string MemberInvited = "member.invited";
    public const string InvitationResent = "member.invitation_resent";
    public const string InvitationDeclined = "member.invitation_declined";
    public const string MemberJoined = "member.joined";
    public const string MemberChanged = "member.changed";
    public const string MemberDeactivated = "member.deactivated";
    public const string MemberReactivated = "member.reactivated";
    public const string MemberErased = "member.erased";
    public const string MembersImported = "members.imported";

    public const string DepartmentCreated = "department.created";
    public const string DepartmentRenamed = "department.renamed";
    public const string DepartmentDeleted = "department.deleted";
    public const string LocationCreated = "location.created";
    public const string LocationRenamed = "location.renamed";
    public const string LocationDeleted = "location.deleted";

    public const string TemplateCreated = "template.created";
    public const string TemplateUpdated = "template.updated";
    public const string TemplateDeleted = "template.deleted";

    public const string PolicyCreated = "policy.created";
    public const string PolicyVersionCreated = "policy.version_created";
    public const string PolicyDraftEdited = "policy.draft_edited";
    public const string PolicyRetired = "policy.retired";
    public const string PolicySettingsChanged = "policy.settings_changed";
    public const string PolicyTranslationSaved = "policy.translation_saved";
    public const string PolicyTranslationDeleted = "policy.translation_deleted";
    public const string PolicyVersionSubmitted = "policy.version_submitted";
    public const string PolicyVersionApproved = "policy.version_approved";
    public const string PolicyVersionRejected = "policy.version_rejected";
    public const string PolicyVersionPublished = "policy.version_published";

    public const string AssignmentCreated = "assignment.created";
    public const string AssignmentMovedToVersion = "assignment.moved_to_version";
    public const string AssignmentSynchronised = "assignment.synchronised";
    public const string AssignmentReminderRequested = "assignment.reminder_requested";

    public const string AcknowledgementRecorded = "acknowledgement.recorded";
    public const string ReminderSent = "reminder.sent";

    public const string AuditExported = "audit.exported";
    public const string EvidenceExported = "evidence.exported";

    public const string ApiClientAllowed = "api_client.allowed";
    public const string ApiClientRevoked = "api_client.revoked";

    /// <summary>Every event name above, in ordinal order.</summary>
    public static readonly IReadOnlyList<string> All = typeof(AuditEvents).GetFields(BindingFlags.Public | BindingFlags.Static)
        .Where(f => f.IsLiteral && f.FieldType == typeof(string))
        .Select(f => (string)f.GetRawConstantValue()!)
        .Order(StringComparer.Ordinal)
        .ToList();

    /// <summary>"department.created" and the like, for a unit kind ("department" or "location").</summary>
    public static string UnitCreated(string kind) => kind + ".created";

    public static string UnitRenamed(string kind) => kind + ".renamed";

    public static string UnitDeleted(string kind) => kind + ".deleted";

    /// <summary>
    /// The payload of "acknowledgement.recorded", hashed forever: the person only by membership id (the event's actor),
    /// no name, email, address or typed name — only whether a name was typed.
    /// </summary>
    public static JsonObject AcknowledgementRecordedData(Guid requestId, int requestsAnswered, Guid policyId, Guid versionId, int number,
        byte[] contentHash, string language, string method, bool typedName) => new()
    {
        ["request"] = requestId.ToString(),
        ["requests"] = requestsAnswered,
        ["policy"] = policyId.ToString(),
        ["version"] = versionId.ToString(),
        ["number"] = number,
        ["contentHash"] = Convert.ToHexStringLower(contentHash),
        ["language"] = language,
        ["method"] = method,
        ["typedName"] = typedName,
    };
}

/// <summary>Who did it, as the audit trail names them.</summary>
public static class AuditActor
{
    /// <summary>PolicyHub itself: seeding, background rounds, migrations.</summary>
    public const string System = "system";
}
