using FluentValidation;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using PolicyHub.Data.Identity;
using PolicyHub.Identity.Clients;
using PolicyHub.Identity.Demo;
using PolicyHub.Identity.Features.Account;
using PolicyHub.ServiceDefaults;
using PolicyHub.ServiceDefaults.Database;
using PolicyHub.ServiceDefaults.Security;
using PolicyHub.ServiceDefaults.Validation;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace PolicyHub.Identity.Extensions;

public static class IdentityServiceExtensions
{
    public static WebApplicationBuilder AddIdentityServices(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        var section = builder.Configuration.GetSection(AuthServerOptions.SectionName);
        services.Configure<AuthServerOptions>(section);
        var authServer = section.Get<AuthServerOptions>() ?? new AuthServerOptions();

        builder.AddPolicyHubDatabase<AuthDbContext>("Identity", "identity.db", "PolicyHub.Identity");

        services.AddIdentity<ApplicationUser, IdentityRole>(o =>
            {
                o.User.RequireUniqueEmail = true;
                o.SignIn.RequireConfirmedEmail = true;
                o.Password.RequiredLength = PasswordRules.MinimumLength;
                o.Lockout.AllowedForNewUsers = true;
                o.Lockout.MaxFailedAccessAttempts = 5;
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                // OpenIddict's claim names, so the principal needs no translation when tokens are issued.
                o.ClaimsIdentity.UserNameClaimType = Claims.Name;
                o.ClaimsIdentity.UserIdClaimType = Claims.Subject;
                o.ClaimsIdentity.RoleClaimType = Claims.Role;
                o.ClaimsIdentity.EmailClaimType = Claims.Email;
                o.Tokens.AuthenticatorTokenProvider = nameof(Features.Account.SingleUseAuthenticatorCodes);
            })
            .AddEntityFrameworkStores<AuthDbContext>()
            .AddDefaultTokenProviders()
            .AddPasswordValidator<Features.Account.GuessablePasswordValidator>()
            .AddTokenProvider<Features.Account.SingleUseAuthenticatorCodes>(nameof(Features.Account.SingleUseAuthenticatorCodes))
            .AddErrorDescriber<LocalizedIdentityErrorDescriber>();

        services.AddScoped<Features.Account.PasswordSignIn>();
        services.AddScoped<Features.Account.AccountMailThrottle>();
        services.AddScoped<Features.Account.AccountMail>();
        services.AddScoped<Features.Manage.Reauthentication>();
        services.ConfigureApplicationCookie(o =>
        {
            o.Cookie.Name = "PolicyHub.Identity";
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.LoginPath = "/account/login";
            o.LogoutPath = "/account/logout";
            o.AccessDeniedPath = "/account/login";
            o.ExpireTimeSpan = TimeSpan.FromHours(8);
            o.SlidingExpiration = true;
        });

        services.AddOpenIddict()
            .AddCore(o => o.UseEntityFrameworkCore().UseDbContext<AuthDbContext>())
            .AddServer(o =>
            {
                o.SetAuthorizationEndpointUris("connect/authorize")
                    .SetTokenEndpointUris("connect/token")
                    .SetEndSessionEndpointUris("connect/endsession")
                    .SetUserInfoEndpointUris("connect/userinfo");
                o.AllowAuthorizationCodeFlow().AllowRefreshTokenFlow().AllowClientCredentialsFlow();
                o.RequireProofKeyForCodeExchange();
                // PKCE with S256 only (RFC 9700): "plain" — and a request without a method, which means plain — is refused and not advertised.
                o.Configure(options =>
                {
                    options.CodeChallengeMethods.Clear();
                    options.CodeChallengeMethods.Add(CodeChallengeMethods.Sha256);
                });
                o.RegisterScopes(Scopes.OpenId, Scopes.Profile, Scopes.Email, Scopes.Roles, Scopes.OfflineAccess, ClientRegistrar.ApiScope);
                // Signed, unencrypted access tokens: any resource server can validate them with the published JWKS.
                o.DisableAccessTokenEncryption();
                // The issuer is configured, never taken from the request's Host header: AuthServer:Issuer, else PublicUrl.
                var issuer = !string.IsNullOrWhiteSpace(authServer.Issuer) ? authServer.Issuer : builder.Configuration[ServiceDefaults.Security.PublicOriginOptions.Key];
                if (ServiceDefaults.Security.PublicOriginOptions.IsValid(issuer))
                {
                    o.SetIssuer(new Uri(issuer!, UriKind.Absolute));
                }

                SigningKeys.Configure(o, authServer, builder.Environment);

                var aspNetCore = o.UseAspNetCore()
                    .EnableAuthorizationEndpointPassthrough()
                    .EnableTokenEndpointPassthrough()
                    .EnableEndSessionEndpointPassthrough()
                    .EnableUserInfoEndpointPassthrough()
                    .EnableStatusCodePagesIntegration();
                if (builder.Configuration.GetValue<bool>("AuthServer:AllowHttp"))
                {
                    // Plain http on loopback (the embedded run and tests). Never in production behind the internet.
                    aspNetCore.DisableTransportSecurityRequirement();
                }
            })
            .AddValidation(o =>
            {
                o.UseLocalServer();
                o.UseAspNetCore();
            });

        services.PostConfigure<SecurityHeadersOptions>(o => o.FormActionOrigins.AddRange(authServer.Clients
            .SelectMany(c => c.RedirectUris.Concat(c.PostLogoutRedirectUris))
            .Select(u => new Uri(u, UriKind.Absolute).GetLeftPart(UriPartial.Authority))
            .Distinct(StringComparer.OrdinalIgnoreCase)));

        services.AddControllersWithViews(o =>
            {
                o.Filters.Add(new AutoValidateAntiforgeryTokenAttribute());
                o.Filters.Add<FluentValidationFilter>();
            })
            .AddRazorOptions(FeatureFolders.Use)
            .AddMvcOptions(o => o.SuppressImplicitRequiredAttributeForNonNullableReferenceTypes = true);
        services.AddOptions<MvcOptions>().Configure<IStringLocalizer<SharedResource>>((o, l) =>
            BindingMessages.Localize(o.ModelBindingMessageProvider, l));
        services.AddValidatorsFromAssemblyContaining<SharedResource>();

        services.AddAuthRateLimits(authServer);

        services.AddScoped<AccountEmails>();
        services.AddHostedService<ClientRegistrar>();
        services.AddHostedService<DemoAccountSeeder>();
        services.AddHostedService<TokenPruner>();
        return builder;
    }

    public static WebApplication UseIdentityPipeline(this WebApplication app)
    {
        app.UseServiceDefaults();
        app.UseRouting();
        app.UseRateLimiter();
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapControllers();
        app.MapDefaultEndpoints();
        return app;
    }
}
