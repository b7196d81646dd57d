using PolicyHub.Web.Features.Policies;

namespace PolicyHub.UnitTests;

/// <summary>The policy diff: a one-word change is one marked word, unchanged runs fold, the summary counts, the rendered text marks blocks.</summary>
public sealed class TextDiffTests
{
    private static readonly string Long = "# Rules\n\n" + string.Join("\n\n", Enumerable.Range(1, 20).Select(i => $"Paragraph {i} says something calm."));

    [Fact]
    public void OneWordChanged_IsOneModifiedLine_WithTheWordMarkedOnEachSide()
    {
        var diff = TextDiff.Compare(Long, Long.Replace("Paragraph 10 says something calm.", "Paragraph 10 says something clear.", StringComparison.Ordinal));

        var changed = Assert.Single(diff.Rows, r => r.Kind != DiffKind.Unchanged);
        Assert.Equal(DiffKind.Modified, changed.Kind);
        Assert.Equal("calm", Assert.Single(changed.Old, w => w.Kind == DiffKind.Deleted).Text);
        Assert.Equal("clear", Assert.Single(changed.New, w => w.Kind == DiffKind.Inserted).Text);
        Assert.Equal(new DiffSummary(1, 1, 1), diff.Summary);
    }

    [Fact]
    public void UnchangedRuns_FoldToThreeLinesOfContext_UnlessAllAreAskedFor()
    {
        var diff = TextDiff.Compare(Long, Long.Replace("Paragraph 10 says", "Paragraph 10 now says", StringComparison.Ordinal));

        var parts = diff.Parts(all: false).ToList();
        Assert.Equal(2, parts.Count(p => p.Row is null));
        Assert.Equal(7, parts.Count(p => p.Row is not null)); // the change and three lines either side
        Assert.Equal(diff.Rows.Count, parts.Sum(p => p.Row is null ? p.Folded : 1));
        Assert.All(diff.Parts(all: true), p => Assert.NotNull(p.Row));
    }

    [Fact]
    public void AddedSectionAndRemovedParagraph_AreCountedBySection_AndMarkedInTheRenderedText()
    {
        var older = "# A\n\nFirst rule.\n\n# B\n\nSecond rule, to go.";
        var newer = "# A\n\nFirst rule.\n\n# B\n\n# C\n\nA new third rule here.";

        var diff = TextDiff.Compare(older, newer);

        Assert.Equal(2, diff.Summary.Sections);
        Assert.Equal(6, diff.Summary.WordsAdded); // "# C" counts "C"; "A new third rule here." five
        Assert.Equal(4, diff.Summary.WordsRemoved);
        Assert.Contains(diff.Rendered, b => b.Kind == DiffKind.Deleted && b.Html.Contains("Second rule", StringComparison.Ordinal));
        Assert.Contains(diff.Rendered, b => b.Kind == DiffKind.Inserted && b.Html.Contains("<h1", StringComparison.Ordinal) && b.Html.Contains('C'));
        Assert.Equal(3, diff.Rendered.Count(b => b.Kind == DiffKind.Unchanged));
    }

    [Fact]
    public void SameText_HasNoChanges()
    {
        var diff = TextDiff.Compare(Long, Long);

        Assert.False(diff.HasChanges);
        Assert.Equal(new DiffSummary(0, 0, 0), diff.Summary);
    }

    [Fact]
    public void Words_AreEncoded_AndMarkedWithInsAndDel()
    {
        var html = DiffHtml.Words([new("<b>", DiffKind.Unchanged), new("new", DiffKind.Inserted), new("old", DiffKind.Deleted)]).Value;

        Assert.Equal("&lt;b&gt;<ins class=\"diff-word-inserted\">new</ins><del class=\"diff-word-deleted\">old</del>", html);
    }
}
