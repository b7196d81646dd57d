using System.Globalization;
using FluentValidation;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Razor;
using Microsoft.Extensions.Localization;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using PolicyHub.Data.Web;
using PolicyHub.ServiceDefaults;
using PolicyHub.ServiceDefaults.Database;
using PolicyHub.ServiceDefaults.Security;
using PolicyHub.ServiceDefaults.Validation;

namespace PolicyHub.Web.Extensions;

public static class WebServiceExtensions
{
    public static WebApplicationBuilder AddWebServices(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        builder.AddPolicyHubDatabase<PolicyHubDbContext>("PolicyHub", "policyhub.db", "PolicyHub.Web");

        var oidcSection = builder.Configuration.GetSection(OidcSettings.SectionName);
        services.Configure<OidcSettings>(oidcSection);
        var oidc = oidcSection.Get<OidcSettings>() ?? new OidcSettings();
        if (string.IsNullOrWhiteSpace(oidc.Authority))
        {
            throw new InvalidOperationException("Oidc:Authority is not configured: PolicyHub.Web needs the address of its sign-in service (see docs/configuration.md).");
        }

        services.AddAuthentication(o =>
            {
                o.DefaultScheme = CookieAuthenticationDefaults.AuthenticationScheme;
                // Unauthenticated requests go to /account/signin first, which checks that the sign-in service answers.
                o.DefaultChallengeScheme = CookieAuthenticationDefaults.AuthenticationScheme;
            })
            .AddCookie(o =>
            {
                o.Cookie.Name = "PolicyHub.Web";
                o.Cookie.SameSite = SameSiteMode.Lax;
                o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                o.LoginPath = "/account/signin";
                o.AccessDeniedPath = "/Error/403";
                o.ExpireTimeSpan = TimeSpan.FromHours(8);
                o.SlidingExpiration = true;
            })
            .AddOpenIdConnect(o =>
            {
                o.Authority = oidc.Authority;
                o.ClientId = oidc.ClientId;
                o.ClientSecret = string.IsNullOrEmpty(oidc.ClientSecret) ? null : oidc.ClientSecret;
                o.RequireHttpsMetadata = oidc.RequireHttpsMetadata;
                o.ResponseType = OpenIdConnectResponseType.Code;
                // Query response mode: plain redirects, no auto-posting form that a strict CSP would have to allow.
                o.ResponseMode = OpenIdConnectResponseMode.Query;
                o.UsePkce = true;
                o.SaveTokens = true;
                o.MapInboundClaims = false;
                o.GetClaimsFromUserInfoEndpoint = false;
                o.TokenValidationParameters.NameClaimType = "name";
                o.TokenValidationParameters.RoleClaimType = "role";
                o.Scope.Clear();
                o.Scope.Add("openid");
                o.Scope.Add("profile");
                o.Scope.Add("email");

                o.CorrelationCookie.SameSite = SameSiteMode.Lax;
                o.CorrelationCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                o.NonceCookie.SameSite = SameSiteMode.Lax;
                o.NonceCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                o.Events = new OpenIdConnectEvents
                {
                    // Ask the sign-in service to speak the person's current language.
                    OnRedirectToIdentityProvider = context =>
                    {
                        context.ProtocolMessage.UiLocales = CultureInfo.CurrentUICulture.TwoLetterISOLanguageName;
                        return Task.CompletedTask;
                    },
                    OnRemoteFailure = context =>
                    {
                        context.HandleResponse();
                        context.Response.Redirect("/Error/signin");
                        return Task.CompletedTask;
                    },
                };
            });

        services.PostConfigure<SecurityHeadersOptions>(o =>
            o.FormActionOrigins.Add(new Uri(oidc.Authority, UriKind.Absolute).GetLeftPart(UriPartial.Authority)));

        services.AddControllersWithViews(o =>
            {
                o.Filters.Add(new AutoValidateAntiforgeryTokenAttribute());
                o.Filters.Add<FluentValidationFilter>();
                o.SuppressImplicitRequiredAttributeForNonNullableReferenceTypes = true;
            })
            .AddRazorOptions(o =>
            {
                // Feature folders: Features/<Controller>/<View>.cshtml, shared pieces in Features/Shared.
                o.ViewLocationFormats.Clear();
                o.ViewLocationFormats.Add("/Features/{1}/{0}" + RazorViewEngine.ViewExtension);
                o.ViewLocationFormats.Add("/Features/Shared/{0}" + RazorViewEngine.ViewExtension);
            });
        services.AddOptions<MvcOptions>().Configure<IStringLocalizer<SharedResource>>((o, l) =>
            BindingMessages.Localize(o.ModelBindingMessageProvider, l));
        services.AddValidatorsFromAssemblyContaining<SharedResource>();
        return builder;
    }

    public static WebApplication UseWebPipeline(this WebApplication app)
    {
        app.UseServiceDefaults();
        app.UseRouting();
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapControllers();
        app.MapDefaultEndpoints();
        return app;
    }
}
