using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using PolicyHub.ServiceDefaults.Database;

namespace PolicyHub.IntegrationTests;

/// <summary>A development database made by the migrations that were squashed is recreated; elsewhere it stops the start.</summary>
public sealed class SquashedMigrationsTests
{
    [Fact]
    public async Task DevelopmentDatabase_FromSquashedMigrations_IsDeletedAndMigratesAfresh()
    {
        await using var database = await TestDatabase.CreateAsync();
        var tenant = await database.CreateTenantAsync("old");
        await using (var db = database.NewContext())
        {
            await MarkAsMadeByOldMigrationsAsync(db);
            Assert.True(await SquashedMigrations.RecreateIfStaleAsync(db, development: true, NullLogger.Instance));
        }

        await using (var fresh = database.NewContext())
        {
            await fresh.Database.MigrateAsync();
            Assert.Equal(fresh.Database.GetMigrations(), await fresh.Database.GetAppliedMigrationsAsync());
            Assert.False(await fresh.Tenants.AnyAsync(t => t.Id == tenant.Id));
            Assert.False(await SquashedMigrations.RecreateIfStaleAsync(fresh, development: true, NullLogger.Instance));
        }
    }

    [Fact]
    public async Task OtherEnvironments_DatabaseFromSquashedMigrations_StopsWithAMessageAndKeepsTheData()
    {
        await using var database = await TestDatabase.CreateAsync();
        var tenant = await database.CreateTenantAsync("kept");
        await using var db = database.NewContext();
        await MarkAsMadeByOldMigrationsAsync(db);

        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => SquashedMigrations.RecreateIfStaleAsync(db, development: false, NullLogger.Instance));

        Assert.Contains("20261128005009_Initial", refused.Message, StringComparison.Ordinal);
        Assert.True(await db.Tenants.AnyAsync(t => t.Id == tenant.Id));
    }

    /// <summary>Adds a history row of a migration from before the squash, as an old development database has.</summary>
    private static async Task MarkAsMadeByOldMigrationsAsync(DbContext db)
    {
        await using var connection = new SqliteConnection(db.Database.GetConnectionString());
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "INSERT OR IGNORE INTO __EFMigrationsHistory (MigrationId, ProductVersion) VALUES ('20261128005009_Initial', '10.0.0')";
        await command.ExecuteNonQueryAsync();
    }
}
