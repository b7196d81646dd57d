using PolicyHub.Core.Audit;
using PolicyHub.Core.Policies;
using FluentValidation;
using PolicyHub.ServiceDefaults.Validation;

namespace PolicyHub.Web.Features.Policies;

/// <summary>A new multiple-choice question: its text, up to five answers (empty ones are left out), the right one, the section that answers it.</summary>
public sealed class QuestionForm
{
    public string? Text { get; set; }
    public string? Option1 { get; set; }
    public string? Option2 { get; set; }
    public string? Option3 { get; set; }
    public string? Option4 { get; set; }
    public string? Option5 { get; set; }

    /// <summary>1 to 5: which of the option fields holds the right answer.</summary>
    public int Correct { get; set; }

    /// <summary>The 0-based index of the heading whose section answers the question; null for the whole text.</summary>
    public int? Section { get; set; }

    public string?[] Fields => [Option1, Option2, Option3, Option4, Option5];

    /// <summary>The answers given, trimmed, in order, and the index of the right one among them (-1 when it is empty).</summary>
    public (List<string> Options, int Correct) Answers()
    {
        var options = new List<string>();
        var correct = -1;
        for (var i = 0; i < Fields.Length; i++)
        {
            if (!string.IsNullOrWhiteSpace(Fields[i]))
            {
                if (i + 1 == Correct)
                {
                    correct = options.Count;
                }

                options.Add(Fields[i]!.Trim());
            }
        }

        return (options, correct);
    }
}

public sealed class QuestionFormValidator : AbstractValidator<QuestionForm>
{
    public QuestionFormValidator(IStringLocalizer<SharedResource> l)
    {
        RuleFor(f => f.Text).ValidName(l, ComprehensionQuestion.MaxTextLength, () => l["Write the question."]);
        RuleFor(f => f.Option1).OptionalName(l, ComprehensionQuestion.MaxOptionLength);
        RuleFor(f => f.Option2).OptionalName(l, ComprehensionQuestion.MaxOptionLength);
        RuleFor(f => f.Option3).OptionalName(l, ComprehensionQuestion.MaxOptionLength);
        RuleFor(f => f.Option4).OptionalName(l, ComprehensionQuestion.MaxOptionLength);
        RuleFor(f => f.Option5).OptionalName(l, ComprehensionQuestion.MaxOptionLength);
        RuleFor(f => f).Must(f => f.Answers().Options.Count >= ComprehensionQuestion.MinOptions)
            .WithName(nameof(QuestionForm.Option1)).OverridePropertyName(nameof(QuestionForm.Option1))
            .WithMessage(_ => l["Give at least {0} answers.", ComprehensionQuestion.MinOptions]);
        RuleFor(f => f).Must(f => f.Answers().Options.Distinct(StringComparer.OrdinalIgnoreCase).Count() == f.Answers().Options.Count)
            .OverridePropertyName(nameof(QuestionForm.Option2))
            .WithMessage(_ => l["Each answer must be different."]);
        RuleFor(f => f).Must(f => f.Answers().Correct >= 0)
            .OverridePropertyName(nameof(QuestionForm.Correct))
            .WithMessage(_ => l["Mark the right answer (one that you filled in)."]);
        RuleFor(f => f.Section).InclusiveBetween(0, 999).When(f => f.Section is not null)
            .WithMessage(_ => l["Choose a section of the text."]);
    }
}

/// <summary>The questions page of a version: the questions in order, the text's sections, and whether they can still change.</summary>
public sealed record QuestionsPage(Policy Policy, PolicyVersion Version, IReadOnlyList<ComprehensionQuestion> Questions, IReadOnlyList<TextSection> Sections, bool CanEdit)
{
    public QuestionForm Form { get; init; } = new() { Correct = 1 };

    public string SectionTitle(int? index) => index is { } i && i < Sections.Count ? Sections[i].Title : string.Empty;
}

/// <summary>
/// Adds a question to a draft's comprehension check: at most ten, the section among the draft's headings; records
/// "policy.question_added". Questions change only while the version is a draft — they are reviewed and frozen with it.
/// </summary>
public sealed class AddComprehensionQuestion(PolicyHubDbContext db, TenantContext tenant, TimeProvider time) : IStateChange
{
    public enum Outcome { Added, NotFound, NotADraft, Full, NoSuchSection }

    public async Task<Outcome> AddAsync(Guid policyId, int number, QuestionForm form)
    {
        var version = await db.PolicyVersions.AsNoTracking().SingleOrDefaultAsync(v => v.PolicyId == policyId && v.Number == number);
        if (version is null)
        {
            return Outcome.NotFound;
        }

        if (version.Status != PolicyVersionStatus.Draft || !tenant.Membership.Has(Capabilities.AuthorPolicies))
        {
            return Outcome.NotADraft;
        }

        if (form.Section is { } section && section >= PolicyMarkdown.Sections(PolicyMarkdown.Render(version.Markdown).Html).Count)
        {
            return Outcome.NoSuchSection;
        }

        var (options, correct) = form.Answers();
        return await db.InTransactionAsync(async ct =>
        {
            var count = await db.ComprehensionQuestions.CountAsync(q => q.PolicyVersionId == version.Id, ct);
            if (count >= ComprehensionQuestion.MaxPerVersion)
            {
                return Outcome.Full;
            }

            var question = new ComprehensionQuestion
            {
                PolicyVersionId = version.Id, Position = count + 1, Text = form.Text!.Trim(), Options = options, CorrectOption = correct,
                SectionIndex = form.Section, CreatedAt = time.GetUtcNow().UtcDateTime,
            };
            db.ComprehensionQuestions.Add(question);
            db.Audit(AuditEvents.PolicyQuestionAdded(version, question), tenant.Actor);
            await db.SaveChangesAsync(ct);
            return Outcome.Added;
        });
    }
}

/// <summary>Removes a question from a draft and closes the gap in the numbering; records "policy.question_deleted".</summary>
public sealed class DeleteComprehensionQuestion(PolicyHubDbContext db, TenantContext tenant) : IStateChange
{
    public async Task<WorkflowResult> DeleteAsync(Guid policyId, int number, Guid questionId)
    {
        var version = await db.PolicyVersions.AsNoTracking().SingleOrDefaultAsync(v => v.PolicyId == policyId && v.Number == number);
        var question = version is null ? null : await db.ComprehensionQuestions.SingleOrDefaultAsync(q => q.Id == questionId && q.PolicyVersionId == version.Id);
        if (version is null || question is null)
        {
            return WorkflowResult.NotFound;
        }

        if (version.Status != PolicyVersionStatus.Draft || !tenant.Membership.Has(Capabilities.AuthorPolicies))
        {
            return WorkflowResult.Refused(LifecycleRefusal.WrongStatus);
        }

        await db.InTransactionAsync(async ct =>
        {
            db.ComprehensionQuestions.Remove(question);
            foreach (var later in await db.ComprehensionQuestions.Where(q => q.PolicyVersionId == version.Id && q.Position > question.Position).ToListAsync(ct))
            {
                later.Position--;
            }

            db.Audit(AuditEvents.PolicyQuestionDeleted(version, question), tenant.Actor);
            return await db.SaveChangesAsync(ct);
        });
        return WorkflowResult.Ok;
    }
}
