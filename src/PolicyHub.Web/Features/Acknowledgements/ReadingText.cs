using System.Globalization;
using PolicyHub.Core.Acknowledgements;
using Microsoft.Extensions.Caching.Memory;
using PolicyHub.Core.Policies;

namespace PolicyHub.Web.Features.Acknowledgements;

/// <summary>What changed since version <see cref="Since"/>, as the reader sees the text.</summary>
public sealed record VersionChanges(int Since, IReadOnlyList<Policies.RenderedBlock> Blocks);

/// <summary>What a person reads for one request: the policy, the version, the text in the chosen language, the statement.</summary>
public sealed record Reading(Policy Policy, PolicyVersion Version, ShownText Shown, IReadOnlyList<string> Languages, string Statement);

/// <summary>
/// The one place that chooses what a reader sees — the reading page and <see cref="RecordAcknowledgement"/> ask it
/// alike, so the recorded language, fingerprint and statement are exactly what the page showed: the language asked
/// for, else the reader's, else the version's own, wherever a published translation exists.
/// </summary>
public sealed class ReadingText(PolicyHubDbContext db, IStringLocalizer<SharedResource> l, IMemoryCache cache)
{
    public async Task<Reading> LoadAsync(AcknowledgementRequest request, string? language, CancellationToken ct)
    {
        var version = await db.PolicyVersions.AsNoTracking().SingleAsync(v => v.Id == request.PolicyVersionId, ct);
        var policy = await db.Policies.AsNoTracking().SingleAsync(p => p.Id == version.PolicyId, ct);
        var translations = await db.PolicyTranslations.AsNoTracking().Where(t => t.PolicyVersionId == version.Id && t.ContentHash != null).ToListAsync(ct);
        var wanted = language ?? CultureInfo.CurrentUICulture.TwoLetterISOLanguageName;
        var shown = translations.FirstOrDefault(t => t.Language == wanted) is { } translation && wanted != version.Language
            ? new ShownText(translation.Language, translation.Html!, translation.ContentHash!)
            : new ShownText(version.Language, version.Html ?? string.Empty, version.ContentHash ?? []);
        return new Reading(policy, version, shown, [version.Language, .. translations.Select(t => t.Language)], Statement(policy, version));
    }

    /// <summary>
    /// What a material version changed since the version published before it, rendered block by block — in the language
    /// shown where both versions have it, else in the original; null for a first or minor version, or no change.
    /// </summary>
    public async Task<VersionChanges?> ChangesAsync(Reading reading, CancellationToken ct)
    {
        var version = reading.Version;
        if (version.Number == 1 || !version.IsMaterialChange)
        {
            return null;
        }

        var previous = await db.PolicyVersions.AsNoTracking()
            .Where(v => v.PolicyId == version.PolicyId && v.Number < version.Number && v.PublishedAt != null)
            .OrderByDescending(v => v.Number).FirstOrDefaultAsync(ct);
        if (previous is null)
        {
            return null;
        }

        // Published texts never change: the comparison of a pair (in a language) is the same for every reader, so it is
        // computed once, not on every page view of everyone asked.
        var language = reading.Shown.Language;
        return await cache.GetOrCreateAsync(("version-changes", previous.Id, version.Id, language), async entry =>
        {
            entry.SlidingExpiration = TimeSpan.FromHours(1);
            return await CompareAsync(previous, version, language, ct);
        });
    }

    private async Task<VersionChanges?> CompareAsync(PolicyVersion previous, PolicyVersion version, string language, CancellationToken ct)
    {
        var translated = await db.PolicyTranslations.AsNoTracking()
            .Where(t => (t.PolicyVersionId == previous.Id || t.PolicyVersionId == version.Id) && t.Language == language && t.ContentHash != null)
            .ToDictionaryAsync(t => t.PolicyVersionId, t => t.Markdown, ct);
        var older = language == previous.Language ? previous.Markdown : translated.GetValueOrDefault(previous.Id);
        var newer = language == version.Language ? version.Markdown : translated.GetValueOrDefault(version.Id);
        var diff = older is null || newer is null ? Policies.TextDiff.Compare(previous.Markdown, version.Markdown) : Policies.TextDiff.Compare(older, newer);
        return diff.HasChanges ? new VersionChanges(previous.Number, diff.Rendered) : null;
    }

    /// <summary>The sentence a person confirms, in the language they use PolicyHub in.</summary>
    public string Statement(Policy policy, PolicyVersion version)
        => l["I have read and understood “{0}” (version {1}) and I will follow it.", policy.Title, version.Number].Value;
}
