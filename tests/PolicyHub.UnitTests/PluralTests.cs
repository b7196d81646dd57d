using System.Globalization;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using PolicyHub.Web;

namespace PolicyHub.UnitTests;

/// <summary>Counted nouns read right in English and German for 0, 1, 2 and 5 (no "1 people", no "1 Personen").</summary>
public sealed class PluralTests
{
    [Theory]
    [InlineData("en", 0, "0 people")]
    [InlineData("en", 1, "1 person")]
    [InlineData("en", 2, "2 people")]
    [InlineData("en", 5, "5 people")]
    [InlineData("de", 0, "0 Personen")]
    [InlineData("de", 1, "1 Person")]
    [InlineData("de", 2, "2 Personen")]
    [InlineData("de", 5, "5 Personen")]
    public void People_TakeTheSingularForOneOnly(string culture, int count, string expected)
    {
        var l = Localizer();
        using var _ = new UiCulture(culture);

        Assert.Equal(expected, Plural.Of(count, l["{0} person", count], l["{0} people", count]).Value);
    }

    [Theory]
    [InlineData("en", 1, "1 open request")]
    [InlineData("en", 5, "5 open requests")]
    [InlineData("de", 1, "1 offene Anfrage")]
    [InlineData("de", 0, "0 offene Anfragen")]
    public void OpenRequests_TakeTheSingularForOneOnly(string culture, int count, string expected)
    {
        var l = Localizer();
        using var _ = new UiCulture(culture);

        Assert.Equal(expected, Plural.Of(count, l["{0} open request", count], l["{0} open requests", count]).Value);
    }

    private static StringLocalizer<SharedResource> Localizer()
        => new StringLocalizer<SharedResource>(new ResourceManagerStringLocalizerFactory(Options.Create(new LocalizationOptions { ResourcesPath = "Resources" }), NullLoggerFactory.Instance));

    private sealed class UiCulture : IDisposable
    {
        private readonly CultureInfo _before = CultureInfo.CurrentUICulture;

        public UiCulture(string name) => CultureInfo.CurrentUICulture = new CultureInfo(name);

        public void Dispose() => CultureInfo.CurrentUICulture = _before;
    }
}
