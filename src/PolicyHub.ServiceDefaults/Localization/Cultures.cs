using System.Globalization;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Routing;

namespace PolicyHub.ServiceDefaults.Localization;

/// <summary>The languages PolicyHub speaks and the endpoint that switches between them.</summary>
public static class Cultures
{
    public static readonly CultureInfo[] Supported = [new("en"), new("de")];

    public static RequestLocalizationOptions CreateOptions()
    {
        var options = new RequestLocalizationOptions
        {
            DefaultRequestCulture = new RequestCulture("en"),
            SupportedCultures = Supported,
            SupportedUICultures = Supported,
            FallBackToParentCultures = true,
            FallBackToParentUICultures = true,
        };
        // Order: the person's explicit choice (cookie), then the browser's languages.
        options.RequestCultureProviders = [new CookieRequestCultureProvider(), new AcceptLanguageHeaderRequestCultureProvider()];
        return options;
    }

    public static bool IsSupported(string? culture)
        => culture is not null && Supported.Any(c => string.Equals(c.Name, culture, StringComparison.OrdinalIgnoreCase));

    /// <summary>Writes the culture cookie for a year.</summary>
    public static void Remember(HttpResponse response, string culture)
        => response.Cookies.Append(
            CookieRequestCultureProvider.DefaultCookieName,
            CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(culture)),
            new CookieOptions { Expires = DateTimeOffset.UtcNow.AddYears(1), IsEssential = true, HttpOnly = true, SameSite = SameSiteMode.Lax, Secure = response.HttpContext.Request.IsHttps });

    /// <summary>POST /culture (antiforgery-protected): remembers the choice and returns to a local page.</summary>
    public static IEndpointConventionBuilder MapCultureSwitch(this IEndpointRouteBuilder endpoints)
        => endpoints.MapPost("/culture", async (HttpContext http, IAntiforgery antiforgery) =>
        {
            if (!await antiforgery.IsRequestValidAsync(http))
            {
                return Results.BadRequest();
            }

            var form = await http.Request.ReadFormAsync();
            var culture = form["culture"].ToString();
            var returnUrl = form["returnUrl"].ToString();
            if (!IsSupported(culture))
            {
                return Results.BadRequest();
            }

            Remember(http.Response, culture);
            return Results.LocalRedirect(Security.LocalUrl.Normalize(returnUrl));
        }).DisableAntiforgery();
}

/// <summary>The culture switcher partial's parameters: its accessible label (localized by the app) and button styles.</summary>
public sealed record CultureSwitcherModel(string Label, string ActiveClass, string InactiveClass);
