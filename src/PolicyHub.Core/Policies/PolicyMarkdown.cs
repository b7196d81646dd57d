using Ganss.Xss;
using Markdig;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;
using PolicyHub.Core.Text;

namespace PolicyHub.Core.Policies;

/// <summary>Why a policy text cannot be rendered.</summary>
public enum MarkdownProblem
{
    None,
    TooLong,
    /// <summary>Quotes, lists or emphasis nested deeper than <see cref="PolicyMarkdown.MaxDepth"/>.</summary>
    TooDeeplyNested,
    /// <summary>More than <see cref="PolicyMarkdown.MaxElements"/> paragraphs, list items, …, or more than <see cref="PolicyMarkdown.MaxLinks"/> links.</summary>
    TooManyElements,
    /// <summary>NUL or another control character besides tab and line breaks, a lone surrogate, a bidirectional override.</summary>
    ControlCharacter,
}

/// <summary>The HTML of a text, or the limit it breaks (then no HTML).</summary>
public sealed record MarkdownRendering(string? Html, MarkdownProblem Problem)
{
    public bool Succeeded => Problem == MarkdownProblem.None;
}

/// <summary>
/// Policy text from Markdown to HTML that is safe to show: Markdig with raw HTML disabled (and no generic
/// attributes), then HtmlSanitizer allowing only http, https and mailto links, no inline styles and no
/// event handlers. The one place policy HTML is made, under explicit limits (length, nesting depth, number of
/// elements) checked before anything is rendered: a text that passes <see cref="Check"/> always renders, so
/// validators check with the same call that publishing uses.
/// </summary>
public static class PolicyMarkdown
{
    /// <summary>The longest policy text, in characters.</summary>
    public const int MaxLength = 200_000;

    /// <summary>How deep quotes, lists and inline elements may nest (Markdig itself gives up at 128).</summary>
    public const int MaxDepth = 32;

    /// <summary>How many blocks and inline elements a text may have.</summary>
    public const int MaxElements = 50_000;

    /// <summary>
    /// How many links (counted by their "://", "www." and "mailto:" before parsing) a text may have: recognising
    /// bare links costs Markdig more than linear time (16,000 took 4 s), and sanitizing costs about 70 µs per link.
    /// </summary>
    public const int MaxLinks = 2_000;

    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder()
        .UsePipeTables()
        .UseEmphasisExtras()
        .UseListExtras()
        .UseAutoLinks()
        .UseTaskLists()
        .UseAutoIdentifiers(Markdig.Extensions.AutoIdentifiers.AutoIdentifierOptions.GitHub)
        .DisableHtml()
        .Build();

    private static readonly HtmlSanitizer Sanitizer = CreateSanitizer();

    /// <summary>The prefix of every heading's id in rendered text ("section-3-who-speaks-for-the-company").</summary>
    public const string SectionIdPrefix = "section-";

    /// <summary>The headings of rendered (sanitized) text in order, with their ids: the sections a comprehension question can point at.</summary>
    public static IReadOnlyList<TextSection> Sections(string? html)
    {
        if (string.IsNullOrEmpty(html))
        {
            return [];
        }

        var document = new AngleSharp.Html.Parser.HtmlParser().ParseDocument("<!DOCTYPE html><body>" + html);
        return [.. document.Body!.QuerySelectorAll("h1, h2, h3, h4, h5, h6")
            .Select(e => new TextSection(e.Id, e.TextContent.Trim()))];
    }

    /// <summary>Whether the text can be rendered; what <see cref="Render"/> would refuse, without rendering HTML.</summary>
    public static MarkdownProblem Check(string markdown) => Parse(markdown).Problem;

    /// <summary>The safe HTML of the text, or the limit it breaks.</summary>
    public static MarkdownRendering Render(string markdown)
    {
        var (document, problem) = Parse(markdown);
        if (document is null || problem != MarkdownProblem.None)
        {
            return new(null, problem);
        }

        var html = document.ToHtml(Pipeline);
        lock (Sanitizer)
        {
            return new(Sanitizer.Sanitize(html), MarkdownProblem.None);
        }
    }

    /// <summary>The safe HTML of a text that passed <see cref="Check"/> (publishing); throws for one that did not.</summary>
    public static string ToSafeHtml(string markdown)
    {
        var rendering = Render(markdown);
        return rendering.Html ?? throw new ArgumentException($"The text cannot be rendered: {rendering.Problem}.", nameof(markdown));
    }

    private static (MarkdownDocument? Document, MarkdownProblem Problem) Parse(string markdown)
    {
        if (markdown.Length > MaxLength)
        {
            return (null, MarkdownProblem.TooLong);
        }

        if (TextRules.CheckLongText(markdown) != TextProblem.None)
        {
            return (null, MarkdownProblem.ControlCharacter);
        }

        if (Occurrences(markdown, "://") + Occurrences(markdown, "www.") + Occurrences(markdown, "mailto:") > MaxLinks)
        {
            return (null, MarkdownProblem.TooManyElements);
        }

        MarkdownDocument document;
        try
        {
            document = Markdown.Parse(ContentHash.Normalize(markdown), Pipeline);
        }
        catch (ArgumentException)
        {
            // Markdig's own depth guard ("too deeply nested"), reached before ours could look.
            return (null, MarkdownProblem.TooDeeplyNested);
        }

        return (document, Measure(document));
    }

    /// <summary>
    /// Walks the parsed document once, without recursion: how deep containers nest (quotes, list items, emphasis,
    /// links — the document and a paragraph's own inline root do not count) and how many elements there are.
    /// </summary>
    private static MarkdownProblem Measure(MarkdownDocument document)
    {
        var elements = 0;
        var pending = new Stack<(MarkdownObject Node, int Depth)>();
        pending.Push((document, 0));
        while (pending.TryPop(out var item))
        {
            if (item.Depth > MaxDepth)
            {
                return MarkdownProblem.TooDeeplyNested;
            }

            if (++elements > MaxElements)
            {
                return MarkdownProblem.TooManyElements;
            }

            switch (item.Node)
            {
                case ContainerBlock container:
                    foreach (var child in container)
                    {
                        pending.Push((child, item.Depth + (child is ContainerBlock ? 1 : 0)));
                    }

                    break;
                case LeafBlock { Inline: { } root }:
                    pending.Push((root, item.Depth));
                    break;
                case ContainerInline inlines:
                    for (var child = inlines.FirstChild; child is not null; child = child.NextSibling)
                    {
                        pending.Push((child, item.Depth + (child is ContainerInline ? 1 : 0)));
                    }

                    break;
            }
        }

        return MarkdownProblem.None;
    }

    private static int Occurrences(string text, string value)
    {
        var count = 0;
        for (var at = text.IndexOf(value, StringComparison.OrdinalIgnoreCase); at >= 0 && count <= MaxLinks; at = text.IndexOf(value, at + value.Length, StringComparison.OrdinalIgnoreCase))
        {
            count++;
        }

        return count;
    }

    private static HtmlSanitizer CreateSanitizer()
    {
        var sanitizer = new HtmlSanitizer();
        sanitizer.AllowedSchemes.Clear();
        sanitizer.AllowedSchemes.UnionWith(["http", "https", "mailto"]);
        sanitizer.AllowedAttributes.Remove("style");
        sanitizer.AllowedAttributes.Add("id");
        sanitizer.AllowedTags.Remove("form");
        sanitizer.AllowDataAttributes = false;
        // Links leave PolicyHub without handing over the page or the referrer.
        sanitizer.PostProcessNode += (_, e) =>
        {
            if (e.Node is AngleSharp.Dom.IElement { TagName: "A" } link && link.HasAttribute("href"))
            {
                link.SetAttribute("rel", "noopener noreferrer nofollow");
            }

            // Headings carry ids for links to their section, in their own namespace so that no text can take the id of
            // an element of the page around it.
            if (e.Node is AngleSharp.Dom.IElement element && element.HasAttribute("id"))
            {
                if (element.TagName is "H1" or "H2" or "H3" or "H4" or "H5" or "H6" && element.Id is { Length: > 0 } id)
                {
                    element.Id = SectionIdPrefix + id;
                }
                else
                {
                    element.RemoveAttribute("id");
                }
            }
        };
        return sanitizer;
    }
}

/// <summary>A heading of a rendered text: its id (null in texts rendered before headings had ids) and its words.</summary>
public sealed record TextSection(string? Id, string Title);
