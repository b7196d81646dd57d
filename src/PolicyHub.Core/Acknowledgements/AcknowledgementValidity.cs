namespace PolicyHub.Core.Acknowledgements;

/// <summary>A published version of a policy, as far as the validity of acknowledgements is concerned.</summary>
public sealed record PublishedVersion(Guid Id, int Number, bool IsMaterialChange);

/// <summary>
/// Which versions an acknowledgement counts for. A material version starts a new text that everyone must
/// acknowledge; minor versions after it keep the acknowledgements given for it and for each other. So the
/// versions of a policy fall into runs: a material version and the minor versions published after it.
/// </summary>
public static class AcknowledgementValidity
{
    /// <summary>The ids of the versions in the same run as <paramref name="versionId"/> (itself included).</summary>
    public static IReadOnlyList<Guid> SameText(IEnumerable<PublishedVersion> published, Guid versionId)
    {
        var ordered = published.OrderBy(v => v.Number).ToList();
        var index = ordered.FindIndex(v => v.Id == versionId);
        if (index < 0)
        {
            return [versionId];
        }

        var start = index;
        while (start > 0 && !ordered[start].IsMaterialChange)
        {
            start--;
        }

        var end = index;
        while (end + 1 < ordered.Count && !ordered[end + 1].IsMaterialChange)
        {
            end++;
        }

        return [.. ordered.Skip(start).Take(end - start + 1).Select(v => v.Id)];
    }
}
