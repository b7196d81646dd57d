using PolicyHub.ServiceDefaults.Validation;
using FluentValidation;
using PolicyHub.Core.Acknowledgements;
using PolicyHub.Core.Policies;

namespace PolicyHub.Web.Features.Acknowledgements;

/// <summary>One line of the employee's inbox.</summary>
public sealed record InboxItem(Guid RequestId, Guid PolicyId, string Title, int Version, DateTime DueAt, RequestStatus Status, DateTime? AcknowledgedAt, Guid? AcknowledgementId)
{
    public bool IsOverdue(DateTime now) => Status == RequestStatus.Open && DueAt < now;
}

public sealed record InboxModel(IReadOnlyList<InboxItem> Open, IReadOnlyList<InboxItem> Acknowledged, DateTime Now);

/// <summary>What the person ticks and types on the reading page.</summary>
public sealed class AcknowledgeForm
{
    /// <summary>The version the page showed: if another was published meanwhile, the person must read that one.</summary>
    public Guid VersionId { get; set; }

    /// <summary>The language of the text the page showed (the version's own or a published translation).</summary>
    public string? Language { get; set; }

    public bool Confirmed { get; set; }
    public string? TypedName { get; set; }
}

/// <summary>
/// The form's shape only: the box ticked, a typed name that is a valid name. The organisation's rules (a name is
/// required, it must match the person's) belong to <see cref="RecordAcknowledgement"/>, so every entry point applies them.
/// </summary>
public sealed class AcknowledgeFormValidator : AbstractValidator<AcknowledgeForm>
{
    public AcknowledgeFormValidator(IStringLocalizer<SharedResource> l)
    {
        RuleFor(f => f.Confirmed).Equal(true).WithMessage(_ => l["Tick the box to confirm that you have read and understood the policy."]);
        RuleFor(f => f.TypedName).ValidName(l, Limits.Name, () => l["Type your full name to sign."]).When(f => !string.IsNullOrWhiteSpace(f.TypedName));
    }

    /// <summary>Case and spacing do not matter; the letters do.</summary>
    public static bool SameName(string typed, string known)
        => string.Equals(Collapse(typed), Collapse(known), StringComparison.OrdinalIgnoreCase);

    /// <summary>The name as it is stored: single spaces, no spaces at either end.</summary>
    public static string Collapse(string text) => string.Join(' ', text.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
}

/// <summary>The text a person reads: the version's own or a published translation.</summary>
public sealed record ShownText(string Language, string Html, byte[] ContentHash);

/// <summary>The reading page: the text in force (in the reader's language where a translation exists), and the form when the request is still open.</summary>
public sealed record ReadingModel(AcknowledgementRequest Request, Policy Policy, PolicyVersion Version, ShownText Shown, IReadOnlyList<string> Languages,
    string Statement, bool RequireTypedName, bool InForce, DateTime Now)
{
    public AcknowledgeForm Form { get; init; } = new();

    /// <summary>For a material version: what changed since the version published before it.</summary>
    public VersionChanges? Changes { get; init; }

    /// <summary>The comprehension check, where the request asks for one.</summary>
    public CheckState Check { get; init; } = CheckState.None;

    /// <summary>After answers were handed in: the outcome, the questions answered wrong, and the answers to show again.</summary>
    public AnswerResult? Answered { get; init; }

    public AnswersForm? Answers { get; init; }

    /// <summary>The headings of the text shown, for pointing a wrong answer at its section.</summary>
    public IReadOnlyList<TextSection> Sections => sections ??= PolicyMarkdown.Sections(Shown.Html);

    private IReadOnlyList<TextSection>? sections;
}

/// <summary>A receipt: the evidence row and what it points at.</summary>
public sealed record ReceiptModel(Acknowledgement Acknowledgement, string PolicyTitle, string OrganisationName, PolicyVersion Version, string TextHtml, bool IsOwn);

public sealed record HistoryItem(Guid Id, string Title, int Version, DateTime AcknowledgedAt, byte[] ContentHash);
