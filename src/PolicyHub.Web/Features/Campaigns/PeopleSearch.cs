using FluentValidation;
using PolicyHub.ServiceDefaults.Validation;
using PolicyHub.Web.Features.Members;

namespace PolicyHub.Web.Features.Campaigns;

/// <summary>What HR types in the assign form's people search, and which page of matches.</summary>
public sealed class PeopleSearchForm
{
    public string? Q { get; set; }
    public int Page { get; set; } = 1;
}

public sealed class PeopleSearchFormValidator : AbstractValidator<PeopleSearchForm>
{
    public PeopleSearchFormValidator(IStringLocalizer<SharedResource> l)
    {
        RuleFor(f => f.Q).ValidSearchText(l, 200);
        RuleFor(f => f.Page).InclusiveBetween(1, 10_000).WithMessage(_ => l["The value is not valid."]);
    }
}

/// <summary>One page of people matching the search, and whether there are more.</summary>
public sealed record PeopleMatches(string Query, int Page, IReadOnlyList<PersonMatch> People, bool More, string? Problem = null);

public sealed record PersonMatch(Guid Id, string Name, string Email, string? Department);

/// <summary>
/// The assign form's people search, on the server so it scales to organisations of any size: people who can be asked
/// (invited or active), whose name or email contains the text, by name, a page at a time.
/// </summary>
public sealed class PeopleSearch(PolicyHubDbContext db)
{
    public const int PageSize = 20;

    /// <summary>Fewer characters than this list nobody: a single letter would match half the organisation.</summary>
    public const int MinLength = 2;

    public async Task<PeopleMatches> SearchAsync(string? text, int page, CancellationToken ct)
    {
        var query = text?.Trim() ?? string.Empty;
        if (query.Length < MinLength)
        {
            return new(query, page, [], false);
        }

        var pattern = $"%{SqlLike.Escape(query)}%";
        var rows = await db.Memberships.AsNoTracking()
            .Where(m => Membership.Reachable.Contains(m.Status)
                && (EF.Functions.Like(m.DisplayName, pattern, SqlLike.EscapeCharacter) || EF.Functions.Like(m.Email, pattern, SqlLike.EscapeCharacter)))
            .OrderBy(m => m.DisplayName).ThenBy(m => m.Id)
            .Skip((page - 1) * PageSize).Take(PageSize + 1)
            .Select(m => new PersonMatch(m.Id, m.DisplayName, m.Email, db.Departments.Where(d => d.Id == m.DepartmentId).Select(d => d.Name).FirstOrDefault()))
            .ToListAsync(ct);
        return new(query, page, rows.Take(PageSize).ToList(), rows.Count > PageSize);
    }

    /// <summary>The names of people already chosen, for showing the form again.</summary>
    public async Task<IReadOnlyList<Choice>> NamesAsync(IReadOnlyCollection<Guid> ids, CancellationToken ct)
        => ids.Count == 0 ? [] : await db.Memberships.AsNoTracking().Where(m => ids.Contains(m.Id)).OrderBy(m => m.DisplayName).Select(m => new Choice(m.Id, m.DisplayName)).ToListAsync(ct);
}
