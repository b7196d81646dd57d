using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.SqlServer.TransactSql.ScriptDom;
using PolicyHub.Data.Database;
using PolicyHub.Data.Identity;
using PolicyHub.Data.Web;

namespace PolicyHub.UnitTests;

/// <summary>Both DbContexts on both providers: no model change without a migration, and a SQL Server script that parses.</summary>
public sealed class MigrationTests
{
    private const string SqlServer = "Server=(unused);Database=PolicyHub;Trusted_Connection=True";
    private const string Sqlite = "Data Source=unused.db";

    public static TheoryData<string, DatabaseProvider> Contexts => new()
    {
        { nameof(PolicyHubDbContext), DatabaseProvider.Sqlite },
        { nameof(PolicyHubDbContext), DatabaseProvider.SqlServer },
        { nameof(AuthDbContext), DatabaseProvider.Sqlite },
        { nameof(AuthDbContext), DatabaseProvider.SqlServer },
    };

    [Theory]
    [MemberData(nameof(Contexts))]
    public void Model_EveryChange_HasAMigration(string context, DatabaseProvider provider)
    {
        using var db = Create(context, provider);

        Assert.False(db.Database.HasPendingModelChanges(),
            $"{context} on {provider} has model changes without a migration: run dotnet ef migrations add (see docs/operations.md).");
        Assert.NotEmpty(db.Database.GetMigrations());
    }

    [Theory]
    [InlineData(nameof(PolicyHubDbContext))]
    [InlineData(nameof(AuthDbContext))]
    public void SqlServerScript_Idempotent_ParsesWithoutErrors(string context)
    {
        using var db = Create(context, DatabaseProvider.SqlServer);
        var script = db.GetService<IMigrator>().GenerateScript(options: MigrationsSqlGenerationOptions.Idempotent);

        var errors = Parse(script);

        Assert.Empty(errors);
        Assert.Contains("CREATE TABLE", script, StringComparison.Ordinal);
    }

    /// <summary>CI writes the scripts with `dotnet ef migrations script` into a folder and points this test at it.</summary>
    [Fact]
    public void SqlServerScripts_GeneratedByDotnetEf_ParseWithoutErrors()
    {
        var folder = Environment.GetEnvironmentVariable("POLICYHUB_SQL_SCRIPTS");
        if (string.IsNullOrEmpty(folder))
        {
            return; // Outside CI the test above covers the same script.
        }

        var files = Directory.GetFiles(folder, "*.sql");
        Assert.NotEmpty(files);
        foreach (var file in files)
        {
            var errors = Parse(File.ReadAllText(file));
            Assert.True(errors.Count == 0, $"{Path.GetFileName(file)}: {string.Join("; ", errors.Select(e => $"line {e.Line}: {e.Message}"))}");
        }
    }

    private static List<ParseError> Parse(string script)
    {
        var parser = new TSql160Parser(initialQuotedIdentifiers: true);
        using var reader = new StringReader(script);
        parser.Parse(reader, out var errors);
        return [.. errors];
    }

    private static DbContext Create(string context, DatabaseProvider provider)
    {
        var connectionString = provider == DatabaseProvider.Sqlite ? Sqlite : SqlServer;
        return context switch
        {
            nameof(PolicyHubDbContext) => new PolicyHubDbContext(new DbContextOptionsBuilder<PolicyHubDbContext>().UsePolicyHubProvider(provider, connectionString).Options),
            nameof(AuthDbContext) => new AuthDbContext(new DbContextOptionsBuilder<AuthDbContext>().UsePolicyHubProvider(provider, connectionString).Options),
            _ => throw new ArgumentOutOfRangeException(nameof(context)),
        };
    }
}
