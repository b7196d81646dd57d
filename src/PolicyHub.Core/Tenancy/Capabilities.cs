namespace PolicyHub.Core.Tenancy;

/// <summary>
/// What people may do in an organisation, each capability mapped to roles once, here. <c>[TenantRole]</c> on the
/// actions, the navigation and the domain rules (who may own or review a policy) all ask this catalog; no other
/// file declares a role combination (an architecture test keeps it so).
/// </summary>
public static class Capabilities
{
    /// <summary>Every member, whatever their roles: the organisation's start page, their own requests and receipts.</summary>
    public const TenantRoles AnyMember = TenantRoles.Administrator | TenantRoles.PolicyManager | TenantRoles.Approver | TenantRoles.ComplianceOfficer | TenantRoles.Employee;

    /// <summary>Write, submit, publish, retire and translate policies; organisation templates; assign policies; own a policy.</summary>
    public const TenantRoles AuthorPolicies = TenantRoles.PolicyManager | TenantRoles.Administrator;

    /// <summary>Approve or return versions in review.</summary>
    public const TenantRoles ReviewPolicies = TenantRoles.Approver | TenantRoles.Administrator;

    /// <summary>Write in a version's review thread: whoever writes or reviews policies.</summary>
    public const TenantRoles DiscussReviews = AuthorPolicies | ReviewPolicies;

    /// <summary>The policy list and every version's text, drafts included.</summary>
    public const TenantRoles ViewPolicies = AuthorPolicies | ReviewPolicies | TenantRoles.ComplianceOfficer;

    /// <summary>An assignment's progress: completion over time, by unit, who is overdue.</summary>
    public const TenantRoles ViewAssignmentProgress = AuthorPolicies | TenantRoles.ComplianceOfficer;

    /// <summary>The compliance overview and the outstanding list.</summary>
    public const TenantRoles ReadComplianceReports = TenantRoles.ComplianceOfficer | TenantRoles.Administrator | TenantRoles.PolicyManager;

    /// <summary>Evidence exports (per version, per person) and anyone's acknowledgement receipts.</summary>
    public const TenantRoles ExportEvidence = TenantRoles.ComplianceOfficer | TenantRoles.Administrator;

    /// <summary>The audit trail, its search and its exports.</summary>
    public const TenantRoles ReadAuditTrail = TenantRoles.ComplianceOfficer | TenantRoles.Administrator;

    /// <summary>The member list (HR needs it for audiences, compliance for reports).</summary>
    public const TenantRoles ViewMembers = TenantRoles.Administrator | TenantRoles.PolicyManager | TenantRoles.ComplianceOfficer;

    /// <summary>Invite, import, edit, deactivate and erase people; departments and locations.</summary>
    public const TenantRoles ManagePeople = TenantRoles.Administrator;

    /// <summary>The organisation's name, language, approval and reminder settings.</summary>
    public const TenantRoles ManageSettings = TenantRoles.Administrator;

    /// <summary>Which machine clients may use the organisation's API.</summary>
    public const TenantRoles ManageApiAccess = TenantRoles.Administrator;
}
