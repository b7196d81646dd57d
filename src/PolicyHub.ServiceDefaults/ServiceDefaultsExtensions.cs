using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using PolicyHub.Data.Database;
using PolicyHub.ServiceDefaults.Email;
using PolicyHub.ServiceDefaults.Localization;
using PolicyHub.ServiceDefaults.Security;

namespace PolicyHub.ServiceDefaults;

public static class ServiceDefaultsExtensions
{
    /// <summary>Registers what both services share: options, email, localization, health checks, headers.</summary>
    /// <param name="builder">The service's builder.</param>
    /// <param name="serviceName">Prefix of the service's cookie names: both services may run on one host name
    /// (cookies ignore ports), and each must only ever read its own cookies.</param>
    public static WebApplicationBuilder AddServiceDefaults(this WebApplicationBuilder builder, string serviceName)
    {
        var services = builder.Services;
        Validation.ValidationDefaults.Apply();
        // Cookies are Secure whenever the request is HTTPS (behind a proxy: as the trusted forwarded headers say).
        services.Configure<CookieTempDataProviderOptions>(o =>
        {
            o.Cookie.Name = serviceName + ".TempData";
            o.Cookie.SecurePolicy = Microsoft.AspNetCore.Http.CookieSecurePolicy.SameAsRequest;
        });
        services.AddAntiforgery(o =>
        {
            o.Cookie.Name = serviceName + ".Antiforgery";
            o.Cookie.SecurePolicy = Microsoft.AspNetCore.Http.CookieSecurePolicy.SameAsRequest;
        });
        services.AddHsts(o =>
        {
            o.MaxAge = TimeSpan.FromDays(365);
            o.IncludeSubDomains = true;
        });
        services.TryAddSingleton(TimeProvider.System);
        services.Configure<DatabaseOptions>(builder.Configuration.GetSection(DatabaseOptions.SectionName));
        services.Configure<EmailOptions>(builder.Configuration.GetSection(EmailOptions.SectionName));
        services.Configure<SecurityHeadersOptions>(builder.Configuration.GetSection("SecurityHeaders"));
        services.Configure<RequestLimitsOptions>(builder.Configuration.GetSection("RequestLimits"));
        var development = builder.Environment.IsDevelopment();
        services.AddOptions<PublicOriginOptions>()
            .Configure(o => o.PublicUrl = builder.Configuration[PublicOriginOptions.Key])
            .Validate(o => PublicOriginOptions.IsValid(o.PublicUrl) || (development && string.IsNullOrEmpty(o.PublicUrl)),
                $"PublicUrl must be the absolute http(s) address people open {serviceName} at (for example https://policyhub.example.com): every link in its emails is built from it, never from the request's Host header. Outside Development the service does not start without it (see docs/configuration.md).")
            .ValidateOnStart();
        services.AddSingleton<PublicOrigin>();
        services.AddOptions<Microsoft.AspNetCore.HostFiltering.HostFilteringOptions>().PostConfigure<PublicOrigin>((o, origin) =>
        {
            // Outside Development, "*" (the shipped default) becomes the public host plus loopback (health probes).
            if (!development && origin.Configured is { } uri && o.AllowedHosts.All(h => h == "*"))
            {
                o.AllowedHosts = [uri.Host, "localhost", "127.0.0.1", "[::1]"];
            }
        });

        services.AddSingleton(sp =>
        {
            var database = sp.GetRequiredService<IOptions<DatabaseOptions>>().Value;
            var email = sp.GetRequiredService<IOptions<EmailOptions>>().Value;
            var dataDirectory = Path.GetFullPath(database.DataDirectory, builder.Environment.ContentRootPath);
            return new PickupDirectory(Path.GetFullPath(email.PickupDirectory, dataDirectory));
        });
        services.AddSingleton<OutboxSignal>();
        services.AddSingleton<OutboxSignalInterceptor>();
        services.AddSingleton<DevMailbox>();
        services.AddTransient<IEmailSender>(sp => sp.GetRequiredService<IOptions<EmailOptions>>().Value.Delivery switch
        {
            EmailDelivery.Smtp => ActivatorUtilities.CreateInstance<SmtpEmailSender>(sp),
            _ => ActivatorUtilities.CreateInstance<PickupDirectoryEmailSender>(sp),
        });

        services.AddLocalization(o => o.ResourcesPath = "Resources");
        services.AddHealthChecks();
        services.Configure<ForwardedHeadersOptions>(o =>
        {
            // Behind a reverse proxy or ingress (see deploy/): trust X-Forwarded-* from the configured network only.
            o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            foreach (var network in builder.Configuration.GetSection("ForwardedHeaders:KnownNetworks").Get<string[]>() ?? [])
            {
                o.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(network));
            }
        });
        return builder;
    }

    /// <summary>The shared front of the pipeline: errors, headers, static files, languages.</summary>
    public static WebApplication UseServiceDefaults(this WebApplication app)
    {
        app.UseForwardedHeaders();
        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler("/Error");
            app.UseHsts();
        }

        app.UseStatusCodePagesWithReExecute("/Error/{0}");
        app.UseMiddleware<SecurityHeadersMiddleware>();
        // Clients that ask for /favicon.ico without reading the page's icon link get the SVG logo, not a 404.
        app.UseRewriter(Microsoft.AspNetCore.Rewrite.RewriteOptionsExtensions.AddRewrite(new Microsoft.AspNetCore.Rewrite.RewriteOptions(), "^favicon\\.ico$", "favicon.svg", skipRemainingRules: true));
        app.UseStaticFiles();
        app.UseRequestLocalization(Cultures.CreateOptions());
        app.UseMiddleware<RequestInputGuard>();
        return app;
    }

    /// <summary>/health/live answers while the process runs; /health/ready also checks the database.</summary>
    public static WebApplication MapDefaultEndpoints(this WebApplication app)
    {
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false });
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains("ready") });
        app.MapCultureSwitch();
        return app;
    }
}
