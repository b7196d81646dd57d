using PolicyHub.ServiceDefaults.Validation;
using FluentValidation;
using PolicyHub.Core.Policies;
using PolicyHub.Core.Templates;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.ModelBinding.Validation;

namespace PolicyHub.Web.Features.Policies;

public sealed class CreatePolicyModel
{
    public string Title { get; set; } = string.Empty;
    public string Category { get; set; } = string.Empty;
    public int ReviewCycleMonths { get; set; } = 12;
    public Dictionary<string, string?> Values { get; set; } = [];

    // Shown, not posted: the chosen template (null for a blank policy).
    [BindNever, ValidateNever]
    public PolicyTemplate? Template { get; set; }
    public string Language { get; set; } = "en";
}

public sealed class CreatePolicyModelValidator : AbstractValidator<CreatePolicyModel>
{
    public CreatePolicyModelValidator(IStringLocalizer<SharedResource> l)
    {
        RuleFor(m => m.Title).ValidName(l, Limits.Name, () => l["Enter a title."]);
        RuleFor(m => m.Category).OptionalName(l, 100);
        RuleFor(m => m.ReviewCycleMonths).InclusiveBetween(1, 60).WithMessage(_ => l["Choose a review cycle between {0} and {1} months.", 1, 60]);
    }
}

public sealed class PolicySettingsModel
{
    public string Title { get; set; } = string.Empty;
    public string? Category { get; set; }
    public Guid OwnerId { get; set; }
    public int ReviewCycleMonths { get; set; } = 12;
    public Guid ConcurrencyStamp { get; set; }

    /// <summary>The people named to review the policy's versions; none: every approver.</summary>
    public List<Guid> ReviewerIds { get; set; } = [];

    // Shown, not posted: who can own a policy (active authors), who can review it (active approvers), and the policy.
    [BindNever, ValidateNever]
    public IReadOnlyList<Members.Choice> Owners { get; set; } = [];

    [BindNever, ValidateNever]
    public IReadOnlyList<Members.Choice> Approvers { get; set; } = [];

    [BindNever, ValidateNever]
    public Policy Policy { get; set; } = null!;
}

public sealed class PolicySettingsModelValidator : AbstractValidator<PolicySettingsModel>
{
    public PolicySettingsModelValidator(IStringLocalizer<SharedResource> l, PolicyHubDbContext db)
    {
        RuleFor(m => m.Title).ValidName(l, Limits.Name, () => l["Enter a title."]);
        RuleFor(m => m.Category).OptionalName(l, 100);
        RuleFor(m => m.ReviewCycleMonths).InclusiveBetween(1, 60).WithMessage(_ => l["Choose a review cycle between {0} and {1} months.", 1, 60]);
        // Only an active policy manager or administrator of this organisation (the filter hides every other).
        RuleFor(m => m.OwnerId)
            .MustAsync(async (id, ct) => await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.AnyAsync(db.Memberships,
                m => m.Id == id && m.Status == Core.Tenancy.MembershipStatus.Active && (m.Roles & Core.Tenancy.Capabilities.AuthorPolicies) != 0, ct))
            .WithMessage(_ => l["Choose the owner from the list."]);
        RuleFor(m => m.ReviewerIds)
            .Must(ids => ids.Distinct().Count() <= 50).WithMessage(_ => l["Name at most {0} reviewers.", 50])
            .MustAsync(async (ids, ct) => await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.CountAsync(db.Memberships,
                m => ids.Contains(m.Id) && m.Status == Core.Tenancy.MembershipStatus.Active && (m.Roles & Core.Tenancy.Capabilities.ReviewPolicies) != 0, ct) == ids.Distinct().Count())
            .WithMessage(_ => l["Choose reviewers from the list of approvers."]);
    }
}

public sealed class EditDraftModel
{
    public string Markdown { get; set; } = string.Empty;
    public string? ChangeSummary { get; set; }
    public bool IsMaterialChange { get; set; } = true;
    public Guid ConcurrencyStamp { get; set; }

    /// <summary>One opening of the editor: its saves are one audit event.</summary>
    public Guid? EditSession { get; set; }

    /// <summary>"submit" when the author pressed <em>Submit for review</em>: the text is saved first, then submitted.</summary>
    public string? Then { get; set; }

    public bool SubmitAfterSaving => Then == "submit";

    // Shown, not posted.
    [BindNever, ValidateNever]
    public DraftPage Page { get; set; } = null!;

    /// <summary>Set when someone else saved the draft meanwhile: their text, shown beside the author's own.</summary>
    [BindNever, ValidateNever]
    public DraftConflict? Conflict { get; set; }

    public DraftText ToDraftText() => new(Markdown, ChangeSummary, IsMaterialChange, ConcurrencyStamp, EditSession);
}

/// <summary>What the draft editor shows beside the form: the policy, the version, the rendered preview and the languages translated so far.</summary>
public sealed record DraftPage(Policy Policy, PolicyVersion Version, MarkdownRendering Preview, IReadOnlyList<string> Translations);

/// <summary>The draft as someone else saved it meanwhile: their text, who saved it and when.</summary>
public sealed record DraftConflict(string Markdown, string? SavedBy, DateTime? SavedAt);

/// <summary>
/// The editor's save indicator after an autosave: <see cref="State"/> is "saved", "invalid", "conflict" or "refused";
/// a save brings the draft's new concurrency stamp, a conflict the text saved meanwhile.
/// </summary>
public sealed record DraftStatus(string State, string Message, Guid? ConcurrencyStamp = null, DraftConflict? Conflict = null);

public sealed class EditDraftModelValidator : AbstractValidator<EditDraftModel>
{
    public EditDraftModelValidator(IStringLocalizer<SharedResource> l)
    {
        RuleFor(m => m.Markdown).NotEmpty().WithMessage(_ => l["The policy text cannot be empty."])
            .ValidMarkdown(l);
        RuleFor(m => m.ChangeSummary).ValidLongText(l, 2000);
    }
}

/// <summary>The text of a draft in another language.</summary>
public sealed class TranslationModel
{
    public string Markdown { get; set; } = string.Empty;

    // Shown, not posted.
    [BindNever, ValidateNever]
    public TranslationPage Page { get; set; } = null!;
}

/// <summary>What the translation page shows beside the form: the policy, the version, the target language and the original text.</summary>
public sealed record TranslationPage(Policy Policy, PolicyVersion Version, string Language, MarkdownRendering Original);

public sealed class TranslationModelValidator : AbstractValidator<TranslationModel>
{
    public TranslationModelValidator(IStringLocalizer<SharedResource> l)
        => RuleFor(m => m.Markdown).NotEmpty().WithMessage(_ => l["The translation cannot be empty."])
            .ValidMarkdown(l);
}

public sealed class RejectModel
{
    public string Reason { get; set; } = string.Empty;
}

public sealed class RejectModelValidator : AbstractValidator<RejectModel>
{
    public RejectModelValidator(IStringLocalizer<SharedResource> l)
        => RuleFor(m => m.Reason).NotEmpty().WithMessage(_ => l["Say why the version goes back to its author."])
            .ValidLongText(l, 2000);
}

/// <summary>The publish confirmation: the due date of the requests a material change creates (proposed, may be changed).</summary>
public sealed class PublishModel
{
    public DateTime? DueDate { get; set; }
}

public sealed class PublishModelValidator : AbstractValidator<PublishModel>
{
    public PublishModelValidator(IStringLocalizer<SharedResource> l, TimeProvider time)
        => RuleFor(m => m.DueDate).SaneDate(l)
            .Must(d => d is null || d.Value.Date > time.GetUtcNow().UtcDateTime.Date).WithMessage(_ => l["The due date must be in the future."]);
}

/// <summary>
/// What publishing will do, stated before it is done: the version, the one it replaces, whether it is material and
/// who the policy's assignments reach (a material change asks them again by the due date in the form).
/// </summary>
public sealed record PublishPage(Policy Policy, PolicyVersion Version, Campaigns.Reach Reach, PublishModel Form)
{
    public bool AsksAgain => Version.IsMaterialChange && Reach.Assignments > 0;
}

/// <summary>What retiring will do: the assignments that close, the open requests withdrawn, the acknowledgements kept.</summary>
public sealed record RetirePage(Policy Policy, Campaigns.Reach Reach);

public sealed class NewVersionModel
{
    public string ChangeSummary { get; set; } = string.Empty;
    public bool IsMaterialChange { get; set; } = true;
}

public sealed class NewVersionModelValidator : AbstractValidator<NewVersionModel>
{
    public NewVersionModelValidator(IStringLocalizer<SharedResource> l)
        => RuleFor(m => m.ChangeSummary).NotEmpty().WithMessage(_ => l["Summarise what changes in the new version."])
            .ValidLongText(l, 2000);
}

/// <summary>
/// A version as read: the text in the language shown (the original or a translation), its fingerprint and the
/// languages there are; its review thread, and whether the reader may review it (approve, request changes) or comment.
/// </summary>
public sealed record VersionPage(
    Policy Policy, PolicyVersion Version, MarkdownRendering Text, string ShownLanguage, byte[]? ShownHash, IReadOnlyList<string> Languages,
    IReadOnlyList<ThreadEntry> Thread, bool CanReview, bool CanComment);

/// <summary>One entry of a version's review thread as shown: the step, who, what they wrote, when.</summary>
public sealed record ThreadEntry(ReviewCommentKind Kind, string Author, string Text, DateTime At);

/// <summary>Approving, with an optional comment for the author.</summary>
public sealed class ApproveModel
{
    public string? Comment { get; set; }
}

public sealed class ApproveModelValidator : AbstractValidator<ApproveModel>
{
    public ApproveModelValidator(IStringLocalizer<SharedResource> l) => RuleFor(m => m.Comment).ValidLongText(l, ReviewComment.MaxLength);
}

/// <summary>A remark in a version's review thread.</summary>
public sealed class CommentModel
{
    public string Text { get; set; } = string.Empty;
}

public sealed class CommentModelValidator : AbstractValidator<CommentModel>
{
    public CommentModelValidator(IStringLocalizer<SharedResource> l)
        => RuleFor(m => m.Text).Must(Core.Text.TextRules.HasVisibleCharacter).WithMessage(_ => l["Write a comment."])
            .ValidLongText(l, ReviewComment.MaxLength);
}

/// <summary>The template choice: the built-in library and the organisation's own templates.</summary>
public sealed record ChooseTemplatePage(IReadOnlyList<PolicyTemplate> BuiltIn, IReadOnlyList<OrganisationTemplate> Own);

public sealed record PolicyRow(Guid Id, string Title, string Category, PolicyStatus Status, int? PublishedNumber, PolicyVersionStatus? OpenStatus, DateTime? NextReviewAt);

public sealed record PolicyListModel(IReadOnlyList<PolicyRow> Policies, bool DueOnly, bool CanAuthor, DateTime Now);

public sealed record AssignmentRow(Guid Id, int VersionNumber, bool Everyone, int Targets, DateTime DueAt, Core.Acknowledgements.AssignmentStatus Status, int Open, int Acknowledged, int Withdrawn);

public sealed record PolicyDetailsModel(Policy Policy, IReadOnlyList<PolicyVersion> Versions, IReadOnlyDictionary<Guid, string> People, bool FourEyes, IReadOnlyList<AssignmentRow> Assignments);

/// <summary>
/// Two versions compared: in <see cref="Language"/> (the original's, or a translation both have), folded unless
/// <see cref="All"/>, with the languages both versions can be compared in.
/// </summary>
public sealed record DiffModel(Policy Policy, PolicyVersion From, PolicyVersion To, TextDiff Diff, bool All, string Language, IReadOnlyList<string> Languages);
