using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace PolicyHub.Data.Database;

/// <summary>The one place that turns configuration into an EF Core provider and its migrations assembly.</summary>
public static class DatabaseProviderSelection
{
    public const string SqliteMigrationsAssembly = "PolicyHub.Data.Migrations.Sqlite";
    public const string SqlServerMigrationsAssembly = "PolicyHub.Data.Migrations.SqlServer";

    public static TBuilder UsePolicyHubProvider<TBuilder>(
        this TBuilder builder, DatabaseProvider provider, string connectionString, SqliteSynchronous synchronous = SqliteSynchronous.Full)
        where TBuilder : DbContextOptionsBuilder
    {
        _ = provider switch
        {
            DatabaseProvider.Sqlite => builder.UseSqlite(connectionString, o => o.MigrationsAssembly(SqliteMigrationsAssembly)).AddInterceptors(SqliteConnectionSettings.For(synchronous)),
            DatabaseProvider.SqlServer => builder.UseSqlServer(connectionString, o =>
            {
                o.MigrationsAssembly(SqlServerMigrationsAssembly);
                o.EnableRetryOnFailure();
            }),
            _ => throw new ArgumentOutOfRangeException(nameof(provider), provider, "Unknown database provider."),
        };
        return builder;
    }

    /// <summary>
    /// Resolves the connection string: SQLite defaults to a file in the data folder, and a relative SQLite
    /// file is placed under the data folder (SQLite resolves against the working directory and creates no folders).
    /// </summary>
    public static string ResolveConnectionString(
        DatabaseOptions options, string? configured, string defaultSqliteFileName, string contentRoot)
    {
        if (options.Provider != DatabaseProvider.Sqlite)
        {
            return string.IsNullOrWhiteSpace(configured)
                ? throw new InvalidOperationException(
                    $"Database:Provider is {options.Provider} but no connection string is configured.")
                : configured;
        }

        var builder = new SqliteConnectionStringBuilder(string.IsNullOrWhiteSpace(configured)
            ? $"Data Source={defaultSqliteFileName}"
            : configured);
        if (builder.DataSource != ":memory:" && builder.Mode != SqliteOpenMode.Memory && !Path.IsPathRooted(builder.DataSource))
        {
            var dataDirectory = Path.GetFullPath(options.DataDirectory, contentRoot);
            Directory.CreateDirectory(dataDirectory);
            builder.DataSource = Path.Combine(dataDirectory, builder.DataSource);
        }
        else if (Path.IsPathRooted(builder.DataSource))
        {
            Directory.CreateDirectory(Path.GetDirectoryName(builder.DataSource)!);
        }

        return builder.ToString();
    }
}
