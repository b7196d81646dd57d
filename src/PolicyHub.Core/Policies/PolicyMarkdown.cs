using Ganss.Xss;
using Markdig;

namespace PolicyHub.Core.Policies;

/// <summary>
/// Policy text from Markdown to HTML that is safe to show: Markdig with raw HTML disabled (and no generic
/// attributes), then HtmlSanitizer allowing only http, https and mailto links, no inline styles and no
/// event handlers. The one place policy HTML is made.
/// </summary>
public static class PolicyMarkdown
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder()
        .UsePipeTables()
        .UseEmphasisExtras()
        .UseListExtras()
        .UseAutoLinks()
        .UseTaskLists()
        .DisableHtml()
        .Build();

    private static readonly HtmlSanitizer Sanitizer = CreateSanitizer();

    public static string ToSafeHtml(string markdown)
    {
        var html = Markdown.ToHtml(ContentHash.Normalize(markdown), Pipeline);
        lock (Sanitizer)
        {
            return Sanitizer.Sanitize(html);
        }
    }

    private static HtmlSanitizer CreateSanitizer()
    {
        var sanitizer = new HtmlSanitizer();
        sanitizer.AllowedSchemes.Clear();
        sanitizer.AllowedSchemes.UnionWith(["http", "https", "mailto"]);
        sanitizer.AllowedAttributes.Remove("style");
        sanitizer.AllowedTags.Remove("form");
        sanitizer.AllowDataAttributes = false;
        // Links leave PolicyHub without handing over the page or the referrer.
        sanitizer.PostProcessNode += (_, e) =>
        {
            if (e.Node is AngleSharp.Dom.IElement { TagName: "A" } link && link.HasAttribute("href"))
            {
                link.SetAttribute("rel", "noopener noreferrer nofollow");
            }
        };
        return sanitizer;
    }
}
