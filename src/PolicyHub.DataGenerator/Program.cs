using Microsoft.EntityFrameworkCore;
using PolicyHub.Data.Database;
using PolicyHub.Data.Web;
using PolicyHub.DataGenerator;

// policyhub-datagen --database path/to/policyhub.db [--people 20000 --policies 100 --versions 3 --acknowledgements 1000000 --slug bench]
// or with a SQL Server connection string in POLICYHUB_DATAGEN_SQLSERVER instead of --database.
try
{
    var scale = ScaleOptions.Parse(args, out var database);
    var sqlServer = Environment.GetEnvironmentVariable("POLICYHUB_DATAGEN_SQLSERVER");
    if (database is null && string.IsNullOrWhiteSpace(sqlServer))
    {
        Console.Error.WriteLine("Say where: --database <SQLite file> (created and migrated if new), or POLICYHUB_DATAGEN_SQLSERVER=<connection string>.");
        return 2;
    }

    var builder = new DbContextOptionsBuilder<PolicyHubDbContext>()
        .UsePolicyHubProvider(database is not null ? DatabaseProvider.Sqlite : DatabaseProvider.SqlServer,
            database is not null ? $"Data Source={Path.GetFullPath(database)};Pooling=True" : sqlServer!);
    if (database is not null)
    {
        builder.AddInterceptors(new BulkLoadSettings());
    }

    var options = builder.Options;
    Console.WriteLine($"Generating '{scale.Slug}': {scale.People:N0} people, {scale.Policies} policies × {scale.VersionsPerPolicy} versions, {scale.Acknowledgements:N0} acknowledgements …");
    var result = await new ScaleGenerator(options, scale, Console.Out).RunAsync();
    Console.WriteLine($"Done in {result.Elapsed.TotalSeconds:F0} s: organisation {result.TenantId} (/o/{scale.Slug}), {result.People:N0} people, {result.Versions} versions, "
                      + $"{result.Requests:N0} requests, {result.Acknowledgements:N0} acknowledgements, {result.AuditEvents:N0} audit events.");
    return 0;
}
catch (ArgumentException ex)
{
    Console.Error.WriteLine(ex.Message);
    return 2;
}
