using DiffPlex;
using DiffPlex.Chunkers;
using DiffPlex.DiffBuilder;
using DiffPlex.DiffBuilder.Model;
using PolicyHub.Core.Policies;

namespace PolicyHub.Web.Features.Policies;

public enum DiffKind
{
    Unchanged,
    Inserted,
    Deleted,
    Modified,
}

/// <summary>A word (or the spaces and punctuation between words) of a changed line, and whether it was added or removed.</summary>
public sealed record DiffWord(string Text, DiffKind Kind);

/// <summary>One line of the comparison: its numbers on each side, what happened to it, and its words on each side.</summary>
public sealed record DiffRow(int? OldNumber, int? NewNumber, DiffKind Kind, IReadOnlyList<DiffWord> Old, IReadOnlyList<DiffWord> New);

/// <summary>Either one line, or a run of unchanged lines folded away (<see cref="Folded"/> counts them).</summary>
public sealed record DiffPart(DiffRow? Row, int Folded = 0);

/// <summary>How much changed: sections (under the nearest heading) with a change, words added, words removed.</summary>
public sealed record DiffSummary(int Sections, int WordsAdded, int WordsRemoved);

/// <summary>A block of the rendered text (a paragraph, a heading, a list): its sanitized HTML and what happened to it.</summary>
public sealed record RenderedBlock(string Html, DiffKind Kind);

/// <summary>
/// Two texts compared the way a reader needs it: line by line with the changed words marked (DiffPlex's word diff),
/// unchanged runs folded to a few lines of context, a summary, and the rendered text block by block.
/// </summary>
public sealed class TextDiff
{
    private const int Context = 3;

    private TextDiff(IReadOnlyList<DiffRow> rows, DiffSummary summary, IReadOnlyList<RenderedBlock> rendered)
        => (Rows, Summary, Rendered) = (rows, summary, rendered);

    public IReadOnlyList<DiffRow> Rows { get; }

    public DiffSummary Summary { get; }

    public IReadOnlyList<RenderedBlock> Rendered { get; }

    public bool HasChanges => Rows.Any(r => r.Kind != DiffKind.Unchanged);

    public static TextDiff Compare(string older, string newer)
    {
        var model = new SideBySideDiffBuilder(Differ.Instance, LineChunker.Instance, WordChunker.Instance).BuildDiffModel(older, newer, ignoreWhitespace: false);
        var rows = new List<DiffRow>();
        for (var i = 0; i < Math.Max(model.OldText.Lines.Count, model.NewText.Lines.Count); i++)
        {
            var left = i < model.OldText.Lines.Count ? model.OldText.Lines[i] : null;
            var right = i < model.NewText.Lines.Count ? model.NewText.Lines[i] : null;
            rows.Add(Row(left, right));
        }

        return new TextDiff(rows, Summarise(rows), Blocks(older, newer));
    }

    /// <summary>The rows to show: all of them, or with unchanged runs folded to <see cref="Context"/> lines around each change.</summary>
    public IEnumerable<DiffPart> Parts(bool all)
    {
        if (all || !HasChanges)
        {
            foreach (var row in Rows)
            {
                yield return new DiffPart(row);
            }

            yield break;
        }

        var near = new bool[Rows.Count];
        for (var i = 0; i < Rows.Count; i++)
        {
            if (Rows[i].Kind != DiffKind.Unchanged)
            {
                for (var j = Math.Max(0, i - Context); j <= Math.Min(Rows.Count - 1, i + Context); j++)
                {
                    near[j] = true;
                }
            }
        }

        var folded = 0;
        for (var i = 0; i < Rows.Count; i++)
        {
            if (near[i])
            {
                if (folded > 0)
                {
                    yield return new DiffPart(null, folded);
                    folded = 0;
                }

                yield return new DiffPart(Rows[i]);
            }
            else
            {
                folded++;
            }
        }

        if (folded > 0)
        {
            yield return new DiffPart(null, folded);
        }
    }

    private static DiffRow Row(DiffPiece? left, DiffPiece? right)
    {
        var oldNumber = left?.Type is ChangeType.Imaginary or null ? null : left.Position;
        var newNumber = right?.Type is ChangeType.Imaginary or null ? null : right.Position;
        if (left?.Type == ChangeType.Modified || right?.Type == ChangeType.Modified)
        {
            return new DiffRow(oldNumber, newNumber, DiffKind.Modified, Words(left, DiffKind.Deleted), Words(right, DiffKind.Inserted));
        }

        var kind = (left?.Type, right?.Type) switch
        {
            (ChangeType.Deleted, _) => DiffKind.Deleted,
            (_, ChangeType.Inserted) => DiffKind.Inserted,
            _ => DiffKind.Unchanged,
        };
        return new DiffRow(oldNumber, newNumber, kind, Whole(left, kind == DiffKind.Deleted ? DiffKind.Deleted : DiffKind.Unchanged),
            Whole(right, kind == DiffKind.Inserted ? DiffKind.Inserted : DiffKind.Unchanged));
    }

    private static IReadOnlyList<DiffWord> Whole(DiffPiece? piece, DiffKind kind)
        => piece is null || piece.Type == ChangeType.Imaginary || string.IsNullOrEmpty(piece.Text) ? [] : [new DiffWord(piece.Text, kind)];

    private static List<DiffWord> Words(DiffPiece? piece, DiffKind changed)
        => piece is null || piece.Type == ChangeType.Imaginary
            ? []
            : piece.SubPieces.Where(p => p.Type != ChangeType.Imaginary && !string.IsNullOrEmpty(p.Text))
                .Select(p => new DiffWord(p.Text!, p.Type is ChangeType.Inserted or ChangeType.Deleted ? changed : DiffKind.Unchanged)).ToList();

    /// <summary>Words added and removed, and the sections they are in — a section is known by its heading, on each side.</summary>
    private static DiffSummary Summarise(List<DiffRow> rows)
    {
        int added = 0, removed = 0;
        var sections = new HashSet<string>(StringComparer.Ordinal);
        string oldHeading = string.Empty, newHeading = string.Empty;
        foreach (var row in rows)
        {
            oldHeading = Heading(row.Old) ?? oldHeading;
            newHeading = Heading(row.New) ?? newHeading;
            var inserted = CountWords(row.New.Where(w => w.Kind == DiffKind.Inserted));
            var deleted = CountWords(row.Old.Where(w => w.Kind == DiffKind.Deleted));
            if (inserted > 0)
            {
                sections.Add(newHeading);
            }

            if (deleted > 0)
            {
                sections.Add(oldHeading);
            }

            added += inserted;
            removed += deleted;
        }

        return new DiffSummary(sections.Count, added, removed);
    }

    private static string? Heading(IReadOnlyList<DiffWord> line)
        => string.Concat(line.Select(w => w.Text)).Trim() is var text && text.StartsWith('#') ? text : null;

    private static int CountWords(IEnumerable<DiffWord> words)
        => words.Sum(w => w.Text.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries).Count(t => t.Any(char.IsLetterOrDigit)));

    /// <summary>The rendered texts compared block by block (blocks are separated by a blank line): each block rendered and sanitized alone.</summary>
    private static List<RenderedBlock> Blocks(string older, string newer)
    {
        var (a, b) = (Split(older), Split(newer));
        var result = Differ.Instance.CreateDiffs(string.Join('\n', a.Select(Encode)), string.Join('\n', b.Select(Encode)), false, false, LineChunker.Instance);
        var blocks = new List<RenderedBlock>();
        var next = 0;
        foreach (var change in result.DiffBlocks)
        {
            for (; next < change.InsertStartB; next++)
            {
                blocks.Add(new RenderedBlock(Html(b[next]), DiffKind.Unchanged));
            }

            blocks.AddRange(a.Skip(change.DeleteStartA).Take(change.DeleteCountA).Select(x => new RenderedBlock(Html(x), DiffKind.Deleted)));
            blocks.AddRange(b.Skip(change.InsertStartB).Take(change.InsertCountB).Select(x => new RenderedBlock(Html(x), DiffKind.Inserted)));
            next = change.InsertStartB + change.InsertCountB;
        }

        for (; next < b.Count; next++)
        {
            blocks.Add(new RenderedBlock(Html(b[next]), DiffKind.Unchanged));
        }

        return blocks;
    }

    private static List<string> Split(string markdown)
        => markdown.Replace("\r\n", "\n", StringComparison.Ordinal).Split("\n\n").Select(x => x.Trim('\n')).Where(x => x.Trim().Length > 0).ToList();

    /// <summary>A block as one line of the comparison (its own line breaks kept apart from the separators).</summary>
    private static string Encode(string block) => block.Replace('\n', '\u2028');

    private static string Html(string block)
        => PolicyMarkdown.Render(block).Html ?? $"<pre>{System.Net.WebUtility.HtmlEncode(block)}</pre>";
}

/// <summary>One side of a line as HTML: the words encoded, the added and removed ones in ins/del (which screen readers announce).</summary>
public static class DiffHtml
{
    public static Microsoft.AspNetCore.Html.HtmlString Words(IReadOnlyList<DiffWord> words)
    {
        var html = new System.Text.StringBuilder();
        foreach (var word in words)
        {
            var text = System.Net.WebUtility.HtmlEncode(word.Text);
            html.Append(word.Kind switch
            {
                DiffKind.Inserted => $"<ins class=\"diff-word-inserted\">{text}</ins>",
                DiffKind.Deleted => $"<del class=\"diff-word-deleted\">{text}</del>",
                _ => text,
            });
        }

        return new Microsoft.AspNetCore.Html.HtmlString(html.ToString());
    }
}
