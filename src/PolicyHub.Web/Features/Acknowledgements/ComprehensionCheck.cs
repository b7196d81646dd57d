using PolicyHub.Core.Acknowledgements;
using PolicyHub.Core.Audit;
using PolicyHub.Core.Policies;

namespace PolicyHub.Web.Features.Acknowledgements;

/// <summary>
/// Where a person stands with a version's comprehension check: its questions, whether one of their open requests for
/// the version asks for it, and how they did so far.
/// </summary>
public sealed record CheckState(IReadOnlyList<ComprehensionQuestion> Questions, bool Required, ComprehensionResult? Result)
{
    public static readonly CheckState None = new([], false, null);

    /// <summary>Asked and not passed yet: the statement is not available.</summary>
    public bool Pending => Asked && Result?.PassedAt is null;

    public bool Asked => Required && Questions.Count > 0;

    public bool Passed => Asked && Result?.PassedAt is not null;
}

/// <summary>The one place that knows whether the check applies to a person and a version (the reading page and <see cref="RecordAcknowledgement"/> ask it alike).</summary>
public sealed class ComprehensionChecks(PolicyHubDbContext db)
{
    public async Task<CheckState> LoadAsync(Guid membershipId, Guid versionId, CancellationToken ct)
    {
        var required = await db.AcknowledgementRequests.AsNoTracking()
            .AnyAsync(r => r.MembershipId == membershipId && r.PolicyVersionId == versionId && r.Status == RequestStatus.Open
                && db.Assignments.Any(a => a.Id == r.AssignmentId && a.AskQuestions), ct);
        if (!required)
        {
            return CheckState.None;
        }

        var questions = await db.ComprehensionQuestions.AsNoTracking().Where(q => q.PolicyVersionId == versionId).OrderBy(q => q.Position).ToListAsync(ct);
        var result = await db.ComprehensionResults.AsNoTracking().SingleOrDefaultAsync(r => r.MembershipId == membershipId && r.PolicyVersionId == versionId, ct);
        return new CheckState(questions, true, result);
    }
}

/// <summary>The answers handed in: the chosen option (0-based) of each question, by question id.</summary>
public sealed class AnswersForm
{
    public Guid VersionId { get; set; }
    public Dictionary<Guid, int> Answers { get; set; } = [];
}

public enum AnswerOutcome
{
    Passed,
    /// <summary>At least one answer was wrong; the attempt is counted.</summary>
    Failed,
    /// <summary>Not every question was answered: not an attempt, nothing recorded.</summary>
    Incomplete,
    /// <summary>The request is closed, the version no longer in force, or no check is asked.</summary>
    NotAsked,
    /// <summary>Another version was published while the person was reading.</summary>
    TextChanged,
}

public sealed record AnswerResult(AnswerOutcome Outcome, IReadOnlyList<ComprehensionQuestion> Wrong, int Attempts);

/// <summary>
/// Checks a person's answers to a version's comprehension check and counts the attempt: the result row (attempts,
/// when passed, the questions' fingerprint) and "comprehension.attempted" in one transaction. The answers themselves
/// are not kept. Once passed, further answers change nothing.
/// </summary>
public sealed class AnswerComprehensionCheck(PolicyHubDbContext db, TenantContext tenant, ComprehensionChecks checks, TimeProvider time) : IStateChange
{
    public async Task<AnswerResult> AnswerAsync(AcknowledgementRequest request, AnswersForm form, CancellationToken ct)
    {
        if (request.MembershipId != tenant.Membership.Id || request.Status != RequestStatus.Open)
        {
            return new(AnswerOutcome.NotAsked, [], 0);
        }

        if (request.PolicyVersionId != form.VersionId)
        {
            return new(AnswerOutcome.TextChanged, [], 0);
        }

        var version = await db.PolicyVersions.AsNoTracking().SingleAsync(v => v.Id == request.PolicyVersionId, ct);
        var state = await checks.LoadAsync(tenant.Membership.Id, version.Id, ct);
        if (!state.Asked || version.Status != PolicyVersionStatus.Published)
        {
            return new(AnswerOutcome.NotAsked, [], 0);
        }

        if (state.Passed)
        {
            return new(AnswerOutcome.Passed, [], state.Result!.Attempts);
        }

        if (state.Questions.Any(q => !form.Answers.TryGetValue(q.Id, out var chosen) || chosen < 0 || chosen >= q.Options.Count))
        {
            return new(AnswerOutcome.Incomplete, [], state.Result?.Attempts ?? 0);
        }

        var wrong = state.Questions.Where(q => form.Answers[q.Id] != q.CorrectOption).ToList();
        var hash = ComprehensionHash.Compute(state.Questions);
        int attempts;
        try
        {
            attempts = await CountAsync(version, wrong.Count == 0, hash, ct);
        }
        catch (DbUpdateException)
        {
            // A second tab's first attempt won the unique (person, version) index: count this one on its row.
            db.ChangeTracker.Clear();
            attempts = await CountAsync(version, wrong.Count == 0, hash, ct);
        }

        return new(wrong.Count == 0 ? AnswerOutcome.Passed : AnswerOutcome.Failed, wrong, attempts);
    }

    private Task<int> CountAsync(PolicyVersion version, bool passed, byte[] hash, CancellationToken ct)
        => db.InTransactionAsync(async token =>
        {
            var now = time.GetUtcNow().UtcDateTime;
            var result = await db.ComprehensionResults.SingleOrDefaultAsync(r => r.MembershipId == tenant.Membership.Id && r.PolicyVersionId == version.Id, token);
            if (result is null)
            {
                result = new ComprehensionResult { MembershipId = tenant.Membership.Id, PolicyVersionId = version.Id };
                db.ComprehensionResults.Add(result);
            }

            result.Attempts++;
            result.UpdatedAt = now;
            if (passed && result.PassedAt is null)
            {
                result.PassedAt = now;
                result.QuestionsHash = hash;
            }

            db.Audit(AuditEvents.ComprehensionAttempted(result, version, passed, hash), tenant.Actor);
            await db.SaveChangesAsync(token);
            return result.Attempts;
        }, ct);
}
