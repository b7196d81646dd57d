using System.Globalization;
using FluentValidation;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using PolicyHub.ServiceDefaults;
using PolicyHub.ServiceDefaults.Database;
using PolicyHub.ServiceDefaults.Security;
using PolicyHub.ServiceDefaults.Validation;
using PolicyHub.Web.Features.Account;
using PolicyHub.Web.Features.Api;
using PolicyHub.Web.Features.Campaigns;
using PolicyHub.Web.Features.Demo;
using PolicyHub.Web.Features.Members;
using PolicyHub.Web.Features.Policies;
using PolicyHub.Web.Features;

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
                    // Signing in binds nothing: invitations wait for the person's Join or Decline (Features/Tenancy/InvitationsController).
                    OnRemoteFailure = SignInFailures.HandleAsync,
                };
            })
            .AddPolicyHubApi(oidc);

        services.PostConfigure<SecurityHeadersOptions>(o =>
            o.FormActionOrigins.Add(new Uri(oidc.Authority, UriKind.Absolute).GetLeftPart(UriPartial.Authority)));

        services.AddControllersWithViews(o =>
            {
                o.Filters.Add(new AutoValidateAntiforgeryTokenAttribute());
                o.Filters.Add<FluentValidationFilter>();
                o.Filters.Add<TenantAccessFilter>();
                o.SuppressImplicitRequiredAttributeForNonNullableReferenceTypes = true;
            })
            .AddRazorOptions(FeatureFolders.Use);
        services.AddOptions<MvcOptions>().Configure<IStringLocalizer<SharedResource>>((o, l) =>
            BindingMessages.Localize(o.ModelBindingMessageProvider, l));
        services.AddValidatorsFromAssemblyContaining<SharedResource>();

        services.AddMemoryCache();
        services.AddStateChanges();
        services.AddScoped<Features.OrgUnits.OrgUnitRows>();
        services.AddScoped<AdministratorRule>();
        services.AddScoped<Features.Acknowledgements.ReadingText>();
        services.AddScoped<Features.Acknowledgements.ComprehensionChecks>();
        services.AddScoped<Features.Policies.ReviewReminders>();
        services.AddScoped<Features.Campaigns.PeopleSearch>();
        services.AddScoped<Features.Organisations.RoleHome>();
        services.AddScoped<PolicyDetails>();
        services.AddScoped<CarryOverAssignments>();
        services.AddScoped<AssignmentReach>();
        services.AddScoped<WaitingReviews>();
        services.AddScoped<ReviewEmails>();
        services.AddScoped<TenantContext>();
        services.AddScoped<TenantDirectory>();
        services.AddScoped<MemberInvitations>();
        services.AddScoped<MemberCsv>();
        services.AddScoped<MemberErasure>();
        services.AddScoped<ImportMembers>();
        services.AddScoped<AudienceSync>();
        services.AddScoped<Features.Acknowledgements.EmployeeInbox>();
        services.AddScoped<AssignmentDashboard>();
        services.AddScoped<Features.Compliance.ComplianceReports>();
        services.AddScoped<Features.Compliance.EvidenceExport>();
        services.AddScoped<Features.Audit.AuditTrail>();
        services.AddScoped<Features.Audit.AuditExporter>();
        services.AddScoped<Features.Api.ApiClientAccessFilter>();
        services.AddHttpClient<Features.Api.ClientDirectory>(c => c.Timeout = TimeSpan.FromSeconds(10));
        services.AddHostedService<Features.Audit.AuditSummaryBackfill>();
        services.AddOptions<Features.Audit.CheckpointOptions>().Bind(builder.Configuration.GetSection(Features.Audit.CheckpointOptions.Section));
        services.AddSingleton<Features.Audit.CheckpointKeyRing>();
        services.AddScoped<Features.Audit.Checkpoints>();
        services.AddSingleton<Features.Audit.CheckpointWorker>();
        services.AddHostedService(sp => sp.GetRequiredService<Features.Audit.CheckpointWorker>());
        services.AddSingleton<AssignmentSyncWorker>();
        services.AddHostedService(sp => sp.GetRequiredService<AssignmentSyncWorker>());
        services.AddHostedService<DemoOrganisationSeeder>();

        services.AddOptions<Features.Reminders.ReminderOptions>()
            .Bind(builder.Configuration.GetSection(Features.Reminders.ReminderOptions.Section))
            .Configure(o => o.PublicUrl = builder.Configuration["PublicUrl"] ?? string.Empty)
            .Validate(o => Uri.TryCreate(o.PublicUrl, UriKind.Absolute, out _), "PublicUrl must be the absolute address people open PolicyHub at (links in reminder emails).")
            .ValidateOnStart();
        services.AddScoped<DatabaseLease>();
        services.AddScoped<Features.Reminders.ReminderEmails>();
        services.AddScoped<Features.Reminders.ReminderSender>();
        services.AddSingleton<Features.Reminders.ReminderScheduler>();
        services.AddHostedService(sp => sp.GetRequiredService<Features.Reminders.ReminderScheduler>());
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
