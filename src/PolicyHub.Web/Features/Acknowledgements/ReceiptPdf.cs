using System.Globalization;
using PdfSharp.Drawing;
using PdfSharp.Fonts;
using PdfSharp.Pdf;

namespace PolicyHub.Web.Features.Acknowledgements;

/// <summary>
/// The downloadable receipt: one A4 page with what was acknowledged, by whom, when, and the fingerprint of the
/// exact text, in the reader's language. The fonts travel with the app (PDFsharp finds no system fonts on Linux).
/// </summary>
public static class ReceiptPdf
{
    private const double Margin = 56;
    private static readonly Lock FontLock = new();

    public static byte[] Render(ReceiptModel model, IStringLocalizer l)
    {
        EnsureFonts();
        var a = model.Acknowledgement;
        using var document = new PdfDocument();
        document.Info.Title = l["Acknowledgement receipt"].Value;
        document.Info.Creator = "PolicyHub";
        var page = document.AddPage();
        page.Width = XUnit.FromMillimeter(210);
        page.Height = XUnit.FromMillimeter(297);
        using (var gfx = XGraphics.FromPdfPage(page))
        {
            var writer = new PageWriter(gfx, page.Width.Point - (2 * Margin));
            writer.Line(model.OrganisationName, EmbeddedFonts.Regular(10), XBrushes.DimGray);
            writer.Line(l["Acknowledgement receipt"].Value, EmbeddedFonts.Bold(20), XBrushes.Black, after: 14);
            writer.Field(l["Policy"].Value, $"{model.PolicyTitle} — {l["Version {0}", a.VersionNumber].Value}");
            writer.Field(l["Acknowledged by"].Value, $"{a.DisplayName} <{a.Email}>");
            writer.Field(l["Acknowledged at (UTC)"].Value, a.AcknowledgedAt.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture));
            writer.Field(l["Statement"].Value, a.Statement);
            if (a.TypedName is not null)
            {
                writer.Field(l["Signed with the typed name"].Value, a.TypedName);
            }

            writer.Field(l["Language of the text"].Value, a.Language);
            writer.Field(l["Method"].Value, l["Web form, signed in"].Value);
            writer.Field(l["Fingerprint of the text (SHA-256)"].Value, Convert.ToHexStringLower(a.ContentHash), EmbeddedFonts.Mono(9));
            writer.Field(l["Receipt number"].Value, a.Id.ToString(), EmbeddedFonts.Mono(9));
            writer.Field(l["Recorded from"].Value, $"{a.IpAddress ?? "—"} · {a.UserAgent ?? "—"}", EmbeddedFonts.Regular(8));
            writer.Line(string.Empty, EmbeddedFonts.Regular(6), XBrushes.Black);
            writer.Paragraph(l["The fingerprint identifies the exact text: computing SHA-256 over the version's Markdown (UTF-8, line endings as LF) gives the same value. The acknowledgement is recorded in the organisation's tamper-evident audit trail."].Value,
                EmbeddedFonts.Regular(8), XBrushes.DimGray);
        }

        using var stream = new MemoryStream();
        document.Save(stream, false);
        return stream.ToArray();
    }

    private static void EnsureFonts()
    {
        lock (FontLock)
        {
            GlobalFontSettings.FontResolver ??= new EmbeddedFonts();
        }
    }

    /// <summary>Writes top to bottom, wrapping at word boundaries.</summary>
    private sealed class PageWriter(XGraphics gfx, double width)
    {
        private double _y = Margin;

        public void Line(string text, XFont font, XBrush brush, double after = 4)
        {
            gfx.DrawString(text, font, brush, new XPoint(Margin, _y + font.Size));
            _y += (font.Size * 1.3) + after;
        }

        public void Field(string label, string value, XFont? valueFont = null)
        {
            Line(label, EmbeddedFonts.Bold(9), XBrushes.DimGray, after: 0);
            Paragraph(value, valueFont ?? EmbeddedFonts.Regular(11), XBrushes.Black);
            _y += 6;
        }

        public void Paragraph(string text, XFont font, XBrush brush)
        {
            foreach (var line in Wrap(text, font))
            {
                Line(line, font, brush, after: 0);
            }
        }

        private IEnumerable<string> Wrap(string text, XFont font)
        {
            var line = string.Empty;
            foreach (var word in text.Split(' '))
            {
                var candidate = line.Length == 0 ? word : $"{line} {word}";
                if (gfx.MeasureString(candidate, font).Width <= width || line.Length == 0)
                {
                    line = candidate;
                    continue;
                }

                yield return line;
                line = word;
            }

            yield return line;
        }
    }

    private sealed class EmbeddedFonts : IFontResolver
    {
        public static XFont Regular(double size) => new("DejaVu Sans", size, XFontStyleEx.Regular);

        public static XFont Bold(double size) => new("DejaVu Sans", size, XFontStyleEx.Bold);

        public static XFont Mono(double size) => new("DejaVu Sans Mono", size, XFontStyleEx.Regular);

        public FontResolverInfo? ResolveTypeface(string familyName, bool bold, bool italic)
            => familyName.Contains("Mono", StringComparison.OrdinalIgnoreCase) ? new FontResolverInfo("DejaVuSansMono")
                : new FontResolverInfo(bold ? "DejaVuSans-Bold" : "DejaVuSans");

        public byte[]? GetFont(string faceName)
        {
            using var resource = typeof(EmbeddedFonts).Assembly.GetManifestResourceStream($"PolicyHub.Fonts.{faceName}.ttf");
            if (resource is null)
            {
                return null;
            }

            using var copy = new MemoryStream();
            resource.CopyTo(copy);
            return copy.ToArray();
        }
    }
}
