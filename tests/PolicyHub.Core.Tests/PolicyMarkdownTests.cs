using AngleSharp.Html.Parser;
using PolicyHub.Core.Policies;

namespace PolicyHub.Core.Tests;

/// <summary>Policy HTML is checked by parsing it, not by searching strings: no script, no on* attribute, no other scheme.</summary>
public sealed class PolicyMarkdownTests
{
    public static TheoryData<string> XssCorpus => new()
    {
        "<script>alert(1)</script>",
        "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
        "<img src=x onerror=alert(1)>",
        "<svg onload=alert(1)>",
        "<a href=\"javascript:alert(1)\">click</a>",
        "[click](javascript:alert(1))",
        "[click](JaVaScRiPt:alert(1))",
        "[click](jav&#x61;script:alert(1))",
        "[click](&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1))",
        "[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
        "![img](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)",
        "[click](vbscript:msgbox(1))",
        "[click](file:///etc/passwd)",
        "<iframe src=\"https://evil.example\"></iframe>",
        "<object data=\"x\"></object>",
        "<div style=\"background:url(javascript:alert(1))\">x</div>",
        "# Title {onclick=alert(1)}",
        "[link](https://example.com){onmouseover=alert(1)}",
        "Text {#id .class onload=alert(1)}",
        "<form action=\"https://evil.example\"><input name=x></form>",
        "<math><mi xlink:href=\"javascript:alert(1)\">x</mi></math>",
        "<a href=\"&#x6A;avascript:alert(1)\">x</a>",
        "[x](  javascript:alert(1)  )",
        "<details open ontoggle=alert(1)>",
        "<base href=\"javascript:/\">",
        "<meta http-equiv=\"refresh\" content=\"0;url=javascript:alert(1)\">",
        "```html\n<script>alert(1)</script>\n```",
        "<<script>script>alert(1)<</script>/script>",
    };

    [Theory]
    [MemberData(nameof(XssCorpus))]
    public void ToSafeHtml_XssPayload_HasNoScriptNoHandlerAndNoOtherScheme(string markdown)
    {
        var html = PolicyMarkdown.ToSafeHtml(markdown);

        var document = new HtmlParser().ParseDocument($"<html><body>{html}</body></html>");
        var elements = document.Body!.QuerySelectorAll("*").ToList();
        Assert.DoesNotContain(elements, e => e.LocalName is "script" or "iframe" or "object" or "embed" or "form" or "base" or "meta" or "svg" or "math");
        foreach (var element in elements)
        {
            foreach (var attribute in element.Attributes)
            {
                Assert.False(attribute.Name.StartsWith("on", StringComparison.OrdinalIgnoreCase), $"{element.LocalName} has {attribute.Name}: {html}");
                Assert.NotEqual("style", attribute.Name);
                if (attribute.Name is "href" or "src" or "action" or "formaction" or "xlink:href")
                {
                    var value = attribute.Value.Trim();
                    var scheme = value.Contains(':', StringComparison.Ordinal) ? value[..value.IndexOf(':', StringComparison.Ordinal)].ToLowerInvariant() : string.Empty;
                    Assert.True(scheme is "" or "http" or "https" or "mailto", $"{element.LocalName} {attribute.Name}={value} in {html}");
                    Assert.False(scheme == "" && value.StartsWith("//", StringComparison.Ordinal), $"protocol-relative URL in {html}");
                }
            }
        }
    }

    [Fact]
    public void ToSafeHtml_OrdinaryPolicyText_KeepsHeadingsListsLinksAndTables()
    {
        var html = PolicyMarkdown.ToSafeHtml("""
            # Guidelines

            Some **bold** and _emphasis_, a [link](https://example.com) and mail to <hr@example.com>.

            - one
            - two

            | A | B |
            |---|---|
            | 1 | 2 |
            """);

        var document = new HtmlParser().ParseDocument(html);
        Assert.Equal("Guidelines", document.QuerySelector("h1")?.TextContent);
        Assert.Equal(2, document.QuerySelectorAll("li").Length);
        Assert.NotNull(document.QuerySelector("table td"));
        var link = document.QuerySelector("a[href='https://example.com']");
        Assert.NotNull(link);
        Assert.Contains("noopener", link!.GetAttribute("rel"), StringComparison.Ordinal);
        Assert.NotNull(document.QuerySelector("a[href='mailto:hr@example.com']"));
    }

    [Fact]
    public void ContentHash_SameTextWithWindowsOrUnixLineBreaks_IsTheSame()
    {
        const string unix = "# Title\n\nLine one\nLine two\n";
        var windows = unix.Replace("\n", "\r\n", StringComparison.Ordinal);
        var oldMac = unix.Replace("\n", "\r", StringComparison.Ordinal);
        var withBom = "\uFEFF" + unix;

        var hash = ContentHash.ComputeHex(unix);

        Assert.Equal(hash, ContentHash.ComputeHex(windows));
        Assert.Equal(hash, ContentHash.ComputeHex(oldMac));
        Assert.Equal(hash, ContentHash.ComputeHex(withBom));
        // A fixed vector (sha256sum of the same bytes), so the hash is checked against an outside computation.
        Assert.Equal("41efaccb990324f2ad4a29f16bcc66a36f02ba4375c2e2d80a9d886fe0153c34", hash);
        Assert.NotEqual(hash, ContentHash.ComputeHex(unix + "x"));
    }

    [Fact]
    public void Render_Headings_CarryIdsInTheirOwnNamespace_AndAreListedAsSections()
    {
        var html = PolicyMarkdown.Render("# Rules\n\n## 3. Who speaks for us\n\nText.\n\n## Statement\n\n## Statement").Html!;

        var sections = PolicyMarkdown.Sections(html);

        Assert.Equal(["Rules", "3. Who speaks for us", "Statement", "Statement"], sections.Select(s => s.Title));
        Assert.All(sections, s => Assert.StartsWith(PolicyMarkdown.SectionIdPrefix, s.Id, StringComparison.Ordinal));
        Assert.Equal(4, sections.Select(s => s.Id).Distinct().Count());
        Assert.DoesNotContain("id=\"statement\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public void ComprehensionHash_IsSha256OverTheDocumentedCanonicalJson()
    {
        ComprehensionQuestion[] questions =
        [
            new() { Position = 2, Text = "Wer spricht?", Options = ["Alle", "Das Team"], CorrectOption = 1, SectionIndex = 2 },
            new() { Position = 1, Text = "May I post figures?", Options = ["Yes", "No"], CorrectOption = 1 },
        ];
        var canonical = "[{\"text\":\"May I post figures?\",\"options\":[\"Yes\",\"No\"],\"correct\":1,\"section\":null},{\"text\":\"Wer spricht?\",\"options\":[\"Alle\",\"Das Team\"],\"correct\":1,\"section\":2}]";

        Assert.Equal(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(canonical)), ComprehensionHash.Compute(questions));
    }
}
