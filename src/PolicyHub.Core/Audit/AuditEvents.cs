using System.Reflection;
using System.Text.Json.Nodes;
using PolicyHub.Core.Acknowledgements;
using PolicyHub.Core.Policies;
using PolicyHub.Core.Templates;
using PolicyHub.Core.Tenancy;

namespace PolicyHub.Core.Audit;

/// <summary>
/// The catalog of audit events: every event PolicyHub writes, with one typed factory each that fixes its name,
/// the entity it concerns and its payload (docs/audit-verification.md lists them; a test keeps the two in step).
/// Writers call a factory and hand the entry to <c>PolicyHubDbContext.Audit</c>; nothing else spells an event
/// name or builds a payload, so the app, the demo seeder and the data generator cannot drift apart.
/// Payloads name people by membership id only, never by name or address: they are hashed and kept forever.
/// </summary>
public static class AuditEvents
{
    /// <summary>The event names, as stored in the chain and offered by the trail's filter.</summary>
    public static class Names
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
        public const string PolicyReinstated = "policy.reinstated";
        public const string PolicySettingsChanged = "policy.settings_changed";
        public const string PolicyTranslationSaved = "policy.translation_saved";
        public const string PolicyTranslationDeleted = "policy.translation_deleted";
        public const string PolicyVersionSubmitted = "policy.version_submitted";
        public const string PolicyVersionApproved = "policy.version_approved";
        public const string PolicyReviewCommented = "policy.review_commented";
        public const string PolicyVersionRejected = "policy.version_rejected";
        public const string PolicyVersionPublished = "policy.version_published";
        public const string PolicyReviewReminderSent = "policy.review_reminder_sent";
        public const string PolicyQuestionAdded = "policy.question_added";
        public const string PolicyQuestionDeleted = "policy.question_deleted";

        public const string AssignmentCreated = "assignment.created";
        public const string AssignmentMovedToVersion = "assignment.moved_to_version";
        public const string AssignmentSynchronised = "assignment.synchronised";
        public const string AssignmentReminderRequested = "assignment.reminder_requested";
        public const string AssignmentWithdrawn = "assignment.withdrawn";

        public const string AcknowledgementRecorded = "acknowledgement.recorded";
        public const string ComprehensionAttempted = "comprehension.attempted";
        public const string ReminderSent = "reminder.sent";

        public const string AuditExported = "audit.exported";
        public const string EvidenceExported = "evidence.exported";

        public const string ApiClientAllowed = "api_client.allowed";
        public const string ApiClientRevoked = "api_client.revoked";

        /// <summary>Every event name above, in ordinal order.</summary>
        public static readonly IReadOnlyList<string> All = typeof(Names).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.IsLiteral && f.FieldType == typeof(string))
            .Select(f => (string)f.GetRawConstantValue()!)
            .Order(StringComparer.Ordinal)
            .ToList();
    }

    // Organisations

    /// <summary>Opens every organisation's trail.</summary>
    public static AuditEntry OrganisationCreated(Tenant organisation)
        => new(Names.OrganisationCreated, nameof(Tenant), Id(organisation.Id), new() { ["slug"] = organisation.Slug, ["defaultCulture"] = organisation.DefaultCulture });

    /// <summary>Opens the demo organisation's trail (seeded at start-up in Development).</summary>
    public static AuditEntry DemoOrganisationCreated(Tenant organisation)
        => new(Names.OrganisationCreated, nameof(Tenant), Id(organisation.Id), new() { ["slug"] = organisation.Slug, ["demo"] = true });

    /// <summary>
    /// The settings that differ between <paramref name="organisation"/> as it is and the values about to be saved
    /// (call it before applying them). The organisation's name is not personal data and is recorded.
    /// </summary>
    public static AuditEntry OrganisationSettingsChanged(Tenant organisation, string name, string defaultCulture, bool fourEyesApproval, bool requireTypedName,
        string reminderDaysBefore, int overdueReminderDays, int? reviewReminderDays = null)
    {
        var changes = new JsonObject();
        if (organisation.Name != name)
        {
            changes["name"] = name;
        }

        if (organisation.DefaultCulture != defaultCulture)
        {
            changes["defaultCulture"] = defaultCulture;
        }

        if (organisation.FourEyesApproval != fourEyesApproval)
        {
            changes["fourEyesApproval"] = fourEyesApproval;
        }

        if (organisation.RequireTypedName != requireTypedName)
        {
            changes["requireTypedName"] = requireTypedName;
        }

        if (organisation.ReminderDaysBefore != reminderDaysBefore || organisation.OverdueReminderDays != overdueReminderDays)
        {
            changes["reminderDaysBefore"] = reminderDaysBefore;
            changes["overdueReminderDays"] = overdueReminderDays;
        }

        if (reviewReminderDays is { } reviewDays && organisation.ReviewReminderDays != reviewDays)
        {
            changes["reviewReminderDays"] = reviewDays;
        }

        return new(Names.OrganisationSettingsChanged, nameof(Tenant), Id(organisation.Id), changes);
    }

    // People

    public static AuditEntry MemberInvited(Membership member) => Member(Names.MemberInvited, member, new() { ["roles"] = member.Roles.ToString() });

    /// <summary>An invitation sent again; <paramref name="afterDecline"/> when it had been declined and is open again.</summary>
    public static AuditEntry InvitationResent(Membership member, bool afterDecline)
        => Member(Names.InvitationResent, member, afterDecline ? new() { ["afterDecline"] = true } : []);

    public static AuditEntry InvitationDeclined(Membership member) => Member(Names.InvitationDeclined, member, []);

    /// <summary>The person signed in and joined (the event's actor is the membership itself).</summary>
    public static AuditEntry MemberJoined(Membership member) => Member(Names.MemberJoined, member, new() { ["roles"] = member.Roles.ToString() });

    /// <summary>
    /// An administrator's edit: what differs between <paramref name="member"/> as it is and the values about to be
    /// saved (call it before applying them). A changed name or manager address is recorded as a flag only.
    /// </summary>
    public static AuditEntry MemberEdited(Membership member, string displayName, TenantRoles roles, Guid? departmentId, Guid? locationId, string? managerEmail)
    {
        var changes = new JsonObject();
        if (member.Roles != roles)
        {
            changes["roles"] = roles.ToString();
        }

        if (member.DepartmentId != departmentId)
        {
            changes["department"] = departmentId?.ToString();
        }

        if (member.LocationId != locationId)
        {
            changes["location"] = locationId?.ToString();
        }

        if (member.DisplayName != displayName)
        {
            changes["nameChanged"] = true;
        }

        if (member.ManagerEmail != managerEmail)
        {
            changes["managerEmailChanged"] = true;
        }

        return Member(Names.MemberChanged, member, changes);
    }

    /// <summary>A row of a people import changed an existing person.</summary>
    public static AuditEntry MemberImported(Membership member, TenantRoles roles, Guid? departmentId, Guid? locationId, bool managerEmailChanged)
        => Member(Names.MemberChanged, member, new()
        {
            ["roles"] = roles.ToString(), ["department"] = departmentId?.ToString(), ["location"] = locationId?.ToString(),
            ["managerEmailChanged"] = managerEmailChanged, ["source"] = "import",
        });

    /// <summary>The person's manager was erased, and their address with them.</summary>
    public static AuditEntry ManagerErased(Membership member)
        => Member(Names.MemberChanged, member, new() { ["managerEmailChanged"] = true, ["source"] = "erasure" });

    public static AuditEntry MemberDeactivated(Membership member) => Member(Names.MemberDeactivated, member, []);

    public static AuditEntry MemberReactivated(Membership member) => Member(Names.MemberReactivated, member, []);

    /// <summary>Personal data erased: how many acknowledgements and emails were pseudonymised, and manager references cleared.</summary>
    public static AuditEntry MemberErased(Membership member, int acknowledgements, int emails, int managerReferences)
        => Member(Names.MemberErased, member, new() { ["acknowledgements"] = acknowledgements, ["emails"] = emails, ["managerReferences"] = managerReferences });

    public static AuditEntry MembersImported(Guid organisationId, int rows, int invited, int updated, int unchanged)
        => new(Names.MembersImported, nameof(Tenant), Id(organisationId), new() { ["rows"] = rows, ["invited"] = invited, ["updated"] = updated, ["unchanged"] = unchanged });

    // Departments and locations

    /// <summary>A department added on its page, or by a people import (<paramref name="imported"/>).</summary>
    public static AuditEntry DepartmentCreated(Guid id, bool imported = false) => Unit(Names.DepartmentCreated, nameof(Department), id, imported);

    public static AuditEntry DepartmentRenamed(Guid id) => Unit(Names.DepartmentRenamed, nameof(Department), id, false);

    public static AuditEntry DepartmentDeleted(Guid id) => Unit(Names.DepartmentDeleted, nameof(Department), id, false);

    /// <summary>A location added on its page, or by a people import (<paramref name="imported"/>).</summary>
    public static AuditEntry LocationCreated(Guid id, bool imported = false) => Unit(Names.LocationCreated, nameof(Location), id, imported);

    public static AuditEntry LocationRenamed(Guid id) => Unit(Names.LocationRenamed, nameof(Location), id, false);

    public static AuditEntry LocationDeleted(Guid id) => Unit(Names.LocationDeleted, nameof(Location), id, false);

    // Templates

    public static AuditEntry TemplateCreated(OrganisationTemplate template, Guid? fromPolicy)
        => new(Names.TemplateCreated, nameof(OrganisationTemplate), Id(template.Id), new() { ["fromPolicy"] = fromPolicy?.ToString(), ["language"] = template.Language });

    public static AuditEntry TemplateUpdated(OrganisationTemplate template) => new(Names.TemplateUpdated, nameof(OrganisationTemplate), Id(template.Id), []);

    public static AuditEntry TemplateDeleted(Guid templateId) => new(Names.TemplateDeleted, nameof(OrganisationTemplate), Id(templateId), []);

    // Policies and their versions

    /// <summary>A new policy, from a built-in or organisation template (its key) or blank (null).</summary>
    public static AuditEntry PolicyCreated(Policy policy, string? templateKey, string language)
        => new(Names.PolicyCreated, nameof(Policy), Id(policy.Id), new() { ["template"] = templateKey, ["language"] = language, ["reviewCycleMonths"] = policy.ReviewCycleMonths });

    /// <summary>The first draft, created with its policy.</summary>
    public static AuditEntry FirstVersionCreated(PolicyVersion version)
        => Version(Names.PolicyVersionCreated, version, []);

    /// <summary>A new draft after a published one, carrying <paramref name="translations"/> translations over.</summary>
    public static AuditEntry NextVersionCreated(PolicyVersion version, int translations, int questions = 0)
    {
        var data = new JsonObject { ["material"] = version.IsMaterialChange, ["translations"] = translations };
        if (questions > 0)
        {
            // Only when the version before it had a comprehension check: how many questions were copied.
            data["questions"] = questions;
        }

        return Version(Names.PolicyVersionCreated, version, data);
    }

    public static AuditEntry PolicyDraftEdited(PolicyVersion version) => Version(Names.PolicyDraftEdited, version, new() { ["length"] = version.Markdown.Length });

    public static AuditEntry PolicyVersionSubmitted(PolicyVersion version) => Version(Names.PolicyVersionSubmitted, version, []);

    /// <summary>Approved, with the reviewer's comment when they wrote one.</summary>
    public static AuditEntry PolicyVersionApproved(PolicyVersion version, string? comment = null)
        => Version(Names.PolicyVersionApproved, version, string.IsNullOrEmpty(comment) ? [] : new() { ["comment"] = comment });

    /// <summary>A remark in the version's review thread (its text stays in the thread; the trail records its length).</summary>
    public static AuditEntry PolicyReviewCommented(PolicyVersion version, ReviewComment comment)
        => Version(Names.PolicyReviewCommented, version, new() { ["comment"] = Id(comment.Id), ["length"] = comment.Text.Length });

    /// <summary>Returned to its author, with the reviewer's reason.</summary>
    public static AuditEntry PolicyVersionRejected(PolicyVersion version) => Version(Names.PolicyVersionRejected, version, new() { ["reason"] = version.RejectionReason });

    /// <summary>Published: the frozen text's fingerprint, and each translation's (by language).</summary>
    public static AuditEntry PolicyVersionPublished(PolicyVersion version, IEnumerable<PolicyTranslation> translations, byte[]? questionsHash = null)
    {
        var hashes = new JsonObject();
        foreach (var translation in translations)
        {
            hashes[translation.Language] = Convert.ToHexStringLower(translation.ContentHash!);
        }

        var data = new JsonObject
        {
            ["contentHash"] = Convert.ToHexStringLower(version.ContentHash!), ["material"] = version.IsMaterialChange, ["translations"] = hashes,
        };
        if (questionsHash is not null)
        {
            // Frozen with the text: the fingerprint of the comprehension questions (only when the version has some).
            data["questionsHash"] = Convert.ToHexStringLower(questionsHash);
        }

        return Version(Names.PolicyVersionPublished, version, data);
    }

    /// <summary>A version waited longer than the organisation's setting: its reviewers were reminded (how many, since when it waits).</summary>
    public static AuditEntry PolicyReviewReminderSent(PolicyVersion version, int reviewers)
        => Version(Names.PolicyReviewReminderSent, version, new() { ["reviewers"] = reviewers, ["submittedAt"] = AuditHashing.FormatTime(version.SubmittedAt!.Value) });

    /// <summary>A comprehension question was added to a draft (its text stays with the version; the trail records its place and size).</summary>
    public static AuditEntry PolicyQuestionAdded(PolicyVersion version, ComprehensionQuestion question)
        => Version(Names.PolicyQuestionAdded, version, new() { ["question"] = Id(question.Id), ["position"] = question.Position, ["options"] = question.Options.Count });

    public static AuditEntry PolicyQuestionDeleted(PolicyVersion version, ComprehensionQuestion question)
        => Version(Names.PolicyQuestionDeleted, version, new() { ["question"] = Id(question.Id), ["position"] = question.Position });

    /// <summary>A person handed in answers to a version's comprehension check: which try, whether every answer was right, the questions' fingerprint — never the answers.</summary>
    public static AuditEntry ComprehensionAttempted(ComprehensionResult result, PolicyVersion version, bool passed, byte[] questionsHash)
        => new(Names.ComprehensionAttempted, nameof(ComprehensionResult), Id(result.Id), new()
        {
            ["member"] = Id(result.MembershipId),
            ["policy"] = Id(version.PolicyId),
            ["version"] = Id(version.Id),
            ["number"] = version.Number,
            ["attempt"] = result.Attempts,
            ["passed"] = passed,
            ["questionsHash"] = Convert.ToHexStringLower(questionsHash),
        });

    public static AuditEntry PolicyTranslationSaved(PolicyVersion version, PolicyTranslation translation)
        => Version(Names.PolicyTranslationSaved, version, new() { ["language"] = translation.Language, ["length"] = translation.Markdown.Length });

    public static AuditEntry PolicyTranslationDeleted(PolicyVersion version, string language)
        => Version(Names.PolicyTranslationDeleted, version, new() { ["language"] = language });

    /// <summary>The owner and review cycle where they differ from the values about to be saved (call it before applying them).</summary>
    /// <param name="reviewers">The named reviewers when they changed (empty: every approver again); null when they did not.</param>
    public static AuditEntry PolicySettingsChanged(Policy policy, Guid ownerId, int reviewCycleMonths, IReadOnlyCollection<Guid>? reviewers = null)
    {
        var changes = new JsonObject();
        if (reviewers is not null)
        {
            changes["reviewers"] = new JsonArray([.. reviewers.Order().Select(r => (JsonNode)r.ToString())]);
        }

        if (policy.OwnerId != ownerId)
        {
            changes["owner"] = ownerId.ToString();
        }

        if (policy.ReviewCycleMonths != reviewCycleMonths)
        {
            changes["reviewCycleMonths"] = reviewCycleMonths;
        }

        return new(Names.PolicySettingsChanged, nameof(Policy), Id(policy.Id), changes);
    }

    public static AuditEntry PolicyRetired(Guid policyId, int closedAssignments)
        => new(Names.PolicyRetired, nameof(Policy), Id(policyId), new() { ["closedAssignments"] = closedAssignments });

    /// <summary>A retired policy is back, with a new draft (<paramref name="number"/>) started from its latest text.</summary>
    public static AuditEntry PolicyReinstated(Guid policyId, int number)
        => new(Names.PolicyReinstated, nameof(Policy), Id(policyId), new() { ["number"] = number });

    // Assignments

    /// <summary>A policy assigned to everyone or to departments, locations and people ("Kind:id" each).</summary>
    public static AuditEntry AssignmentCreated(Assignment assignment) => Assignment(Names.AssignmentCreated, assignment, new JsonObject
    {
        ["version"] = Id(assignment.PolicyVersionId),
        ["everyone"] = assignment.Everyone,
        ["targets"] = new JsonArray([.. assignment.Targets.Select(t => (JsonNode)$"{t.Kind}:{t.TargetId}")]),
        ["dueAt"] = AuditHashing.FormatTime(assignment.DueAt),
        ["reminderDaysBefore"] = assignment.ReminderDaysBefore,
        ["overdueReminderDays"] = assignment.OverdueReminderDays,
        ["escalateToManagers"] = assignment.EscalateToManagers,
    }.WithFlag("askQuestions", assignment.AskQuestions));

    /// <summary>A material change was published: a new assignment of the new version replaces <paramref name="replaced"/>.</summary>
    public static AuditEntry AssignmentCarriedOver(Assignment assignment, Guid replaced) => Assignment(Names.AssignmentCreated, assignment, new JsonObject
    {
        ["version"] = Id(assignment.PolicyVersionId), ["replaces"] = Id(replaced), ["material"] = true,
    }.WithFlag("askQuestions", assignment.AskQuestions));

    /// <summary>A minor change was published: the assignment (and its open requests) moved to the new version.</summary>
    public static AuditEntry AssignmentMovedToVersion(Assignment assignment)
        => Assignment(Names.AssignmentMovedToVersion, assignment, new() { ["version"] = Id(assignment.PolicyVersionId), ["material"] = false });

    /// <summary>The audience was compared with the requests: how many were created, reopened and withdrawn.</summary>
    public static AuditEntry AssignmentSynchronised(Assignment assignment, int created, int reopened, int withdrawn, bool initial)
        => Assignment(Names.AssignmentSynchronised, assignment, new() { ["created"] = created, ["reopened"] = reopened, ["withdrawn"] = withdrawn, ["initial"] = initial });

    /// <summary>HR withdrew an active assignment: its <paramref name="open"/> open requests are withdrawn, acknowledgements stay.</summary>
    public static AuditEntry AssignmentWithdrawn(Assignment assignment, int open)
        => Assignment(Names.AssignmentWithdrawn, assignment, new() { ["open"] = open });

    /// <summary>Someone asked for reminders now, for <paramref name="open"/> people with open requests — or for one <paramref name="person"/>.</summary>
    public static AuditEntry AssignmentReminderRequested(Assignment assignment, int open, Guid? person = null)
        => Assignment(Names.AssignmentReminderRequested, assignment, person is { } one ? new() { ["open"] = open, ["person"] = Id(one) } : new() { ["open"] = open });

    // Acknowledgements and reminders

    /// <summary>
    /// The person (the event's actor, by membership id) acknowledged: no name, email, address or typed name in the
    /// payload — only whether a name was typed.
    /// </summary>
    public static AuditEntry AcknowledgementRecorded(Guid acknowledgementId, Guid requestId, int requestsAnswered, Guid policyId, Guid versionId, int number,
        byte[] contentHash, string language, AcknowledgementMethod method, bool typedName, byte[]? questionsHash = null, int? questionAttempts = null)
    {
        var data = new JsonObject
        {
            ["request"] = Id(requestId),
            ["requests"] = requestsAnswered,
            ["policy"] = Id(policyId),
            ["version"] = Id(versionId),
            ["number"] = number,
            ["contentHash"] = Convert.ToHexStringLower(contentHash),
            ["language"] = language,
            ["method"] = method.ToString(),
            ["typedName"] = typedName,
        };
        if (questionsHash is not null)
        {
            // Only when the comprehension check was asked: the questions passed and how many tries it took.
            data["questionsHash"] = Convert.ToHexStringLower(questionsHash);
            data["questionAttempts"] = questionAttempts;
        }

        return new(Names.AcknowledgementRecorded, nameof(Acknowledgement), Id(acknowledgementId), data);
    }

    /// <summary>A person's daily reminder: their open requests, and how many are overdue.</summary>
    public static AuditEntry ReminderSent(ReminderDigest digest, int overdue)
        => Digest(digest, new() { ["kind"] = digest.Kind.ToString(), ["recipient"] = digest.Recipient, ["requests"] = digest.Requests, ["overdue"] = overdue });

    /// <summary>A policy owner's escalation: overdue requests, and how many became overdue since the last one.</summary>
    public static AuditEntry OwnerEscalationSent(ReminderDigest digest, int newlyOverdue)
        => Digest(digest, new() { ["kind"] = digest.Kind.ToString(), ["recipient"] = digest.Recipient, ["requests"] = digest.Requests, ["newlyOverdue"] = newlyOverdue });

    /// <summary>A manager's escalation. The manager's address is personal data and stays out of the payload (the digest row keeps it).</summary>
    public static AuditEntry ManagerEscalationSent(ReminderDigest digest)
        => Digest(digest, new() { ["kind"] = digest.Kind.ToString(), ["requests"] = digest.Requests });

    // Exports

    /// <summary>
    /// The trail was exported, up to <paramref name="upToSequence"/>, with the filter used. A search text ("q") is
    /// recorded as used, not what it was: it may name a person.
    /// </summary>
    public static AuditEntry AuditExported(Guid organisationId, string format, bool complete, long upToSequence, IEnumerable<KeyValuePair<string, string?>> filter)
    {
        var used = new JsonObject();
        foreach (var (key, value) in filter)
        {
            used[key] = key == "q" ? true : value;
        }

        return new(Names.AuditExported, "AuditTrail", Id(organisationId), new() { ["format"] = format, ["complete"] = complete, ["upToSequence"] = upToSequence, ["filter"] = used });
    }

    /// <summary>The evidence of a published version, with the versions of the same text it covers.</summary>
    public static AuditEntry VersionEvidenceExported(PolicyVersion version, IEnumerable<Guid> versions)
        => new(Names.EvidenceExported, nameof(PolicyVersion), Id(version.Id), new()
        {
            ["scope"] = "version", ["policy"] = Id(version.PolicyId), ["versions"] = new JsonArray([.. versions.Select(v => (JsonNode)Id(v))]), ["format"] = "csv",
        });

    /// <summary>The people of one assignment (open, overdue or acknowledged), exported from its dashboard.</summary>
    public static AuditEntry AssignmentPeopleExported(Assignment assignment, string filter)
        => new(Names.EvidenceExported, nameof(Acknowledgements.Assignment), Id(assignment.Id), new()
        {
            ["scope"] = "assignment", ["policy"] = Id(assignment.PolicyId), ["people"] = filter, ["format"] = "csv",
        });

    /// <summary>Everything one person was asked to acknowledge and did.</summary>
    public static AuditEntry PersonEvidenceExported(Guid membershipId)
        => new(Names.EvidenceExported, nameof(Membership), Id(membershipId), new() { ["scope"] = "person", ["format"] = "csv" });

    // API clients

    public static AuditEntry ApiClientAllowed(ApiClient client) => new(Names.ApiClientAllowed, nameof(ApiClient), Id(client.Id), new() { ["clientId"] = client.ClientId });

    public static AuditEntry ApiClientRevoked(ApiClient client) => new(Names.ApiClientRevoked, nameof(ApiClient), Id(client.Id), new() { ["clientId"] = client.ClientId });

    private static string Id(Guid id) => id.ToString();

    private static AuditEntry Member(string name, Membership member, JsonObject data) => new(name, nameof(Membership), Id(member.Id), data);

    private static AuditEntry Unit(string name, string entityType, Guid id, bool imported)
        => new(name, entityType, Id(id), imported ? new() { ["source"] = "import" } : []);

    /// <summary>A version's events name their policy and number first.</summary>
    /// <summary>Adds <paramref name="key"/> = true only when set, so payloads from before the flag existed keep their bytes.</summary>
    private static JsonObject WithFlag(this JsonObject data, string key, bool value)
    {
        if (value)
        {
            data[key] = true;
        }

        return data;
    }

    private static AuditEntry Version(string name, PolicyVersion version, JsonObject more)
    {
        var data = new JsonObject { ["policy"] = Id(version.PolicyId), ["number"] = version.Number };
        foreach (var (key, value) in more.ToList())
        {
            more.Remove(key);
            data[key] = value;
        }

        return new(name, nameof(PolicyVersion), Id(version.Id), data);
    }

    /// <summary>An assignment's events name their policy first.</summary>
    private static AuditEntry Assignment(string name, Assignment assignment, JsonObject more)
    {
        var data = new JsonObject { ["policy"] = Id(assignment.PolicyId) };
        foreach (var (key, value) in more.ToList())
        {
            more.Remove(key);
            data[key] = value;
        }

        return new(name, nameof(Acknowledgements.Assignment), Id(assignment.Id), data);
    }

    private static AuditEntry Digest(ReminderDigest digest, JsonObject data) => new(Names.ReminderSent, nameof(ReminderDigest), Id(digest.Id), data);
}

/// <summary>One event about to be appended: its name, the entity it concerns and its payload (see <see cref="AuditEvents"/>).</summary>
public sealed record AuditEntry(string Action, string EntityType, string EntityId, JsonObject Data)
{
    /// <summary>The searchable line the trail shows for it (derived from the payload; <see cref="AuditSummary"/>).</summary>
    public string Summary => AuditSummary.Describe(Action, EntityType, EntityId, Data);
}

/// <summary>Who did it, as the audit trail names them.</summary>
public static class AuditActor
{
    /// <summary>PolicyHub itself: seeding, background rounds, migrations.</summary>
    public const string System = "system";
}
