using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PolicyHub.Data.Database;
using PolicyHub.Data.Outbox;
using PolicyHub.ServiceDefaults.Email;

namespace PolicyHub.ServiceDefaults.Database;

public static class DatabaseRegistration
{
    /// <summary>
    /// Registers the service's DbContext on the configured provider, its health check, its email outbox
    /// dispatcher, and the Data Protection key ring stored in the same database (so instances share cookies).
    /// </summary>
    public static WebApplicationBuilder AddPolicyHubDatabase<TContext>(
        this WebApplicationBuilder builder, string connectionName, string defaultSqliteFile, string applicationName)
        where TContext : DbContext, IOutboxContext, IDataProtectionKeyContext
    {
        var options = builder.Configuration.GetSection(DatabaseOptions.SectionName).Get<DatabaseOptions>() ?? new DatabaseOptions();
        var connectionString = DatabaseProviderSelection.ResolveConnectionString(
            options, builder.Configuration.GetConnectionString(connectionName), defaultSqliteFile, builder.Environment.ContentRootPath);

        builder.Services.AddDbContext<TContext>((services, db) => db
            .UsePolicyHubProvider(options.Provider, connectionString, options.SqliteSynchronous)
            .AddInterceptors(services.GetRequiredService<OutboxSignalInterceptor>()));
        builder.Services.AddHealthChecks().AddDbContextCheck<TContext>("database", tags: ["ready"]);
        builder.Services.AddHostedService<OutboxDispatcher<TContext>>();
        builder.Services.AddDataProtection()
            .SetApplicationName(applicationName)
            .PersistKeysToDbContext<TContext>();
        return builder;
    }

    /// <summary>
    /// Applies migrations when configured (the embedded run) or when the process was started with the
    /// "migrate" argument, in which case it exits afterwards. Returns true when the process should exit.
    /// </summary>
    public static async Task<bool> MigrateIfRequestedAsync<TContext>(this WebApplication app, string[] args)
        where TContext : DbContext
    {
        var migrateOnly = args.Contains("migrate", StringComparer.OrdinalIgnoreCase);
        var options = app.Services.GetRequiredService<IOptions<DatabaseOptions>>().Value;
        if (!migrateOnly && !options.MigrateOnStartup)
        {
            return false;
        }

        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TContext>();
        await SquashedMigrations.RecreateIfStaleAsync(db, app.Environment.IsDevelopment(), app.Logger);
        await db.Database.MigrateAsync();
        if (db.Database.IsSqlite())
        {
            // Write-ahead logging lets readers proceed while one writer commits; the setting persists in the file.
            await db.Database.OpenConnectionAsync();
            await using (var command = db.Database.GetDbConnection().CreateCommand())
            {
                command.CommandText = "PRAGMA journal_mode=WAL;";
                await command.ExecuteScalarAsync();
            }

            await db.Database.CloseConnectionAsync();
        }

        app.Logger.LogInformation("Database for {Context} is up to date.", typeof(TContext).Name);
        return migrateOnly;
    }
}
