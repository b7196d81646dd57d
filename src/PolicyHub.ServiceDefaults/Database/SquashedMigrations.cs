using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace PolicyHub.ServiceDefaults.Database;

/// <summary>
/// The migrations were squashed into one <c>Initial</c> per provider before the first release (docs/adr). A
/// development SQLite database made by the old migrations cannot be upgraded; in Development it is deleted and
/// created again (the demo data is seeded afresh). Anywhere else such a database stops the start with a message.
/// </summary>
public static class SquashedMigrations
{
    /// <returns>True when the database was deleted (it is then created by the migration that follows).</returns>
    public static async Task<bool> RecreateIfStaleAsync(DbContext db, bool development, ILogger logger, CancellationToken cancellationToken = default)
    {
        if (!await db.Database.CanConnectAsync(cancellationToken))
        {
            return false;
        }

        var known = db.Database.GetMigrations().ToHashSet(StringComparer.Ordinal);
        var unknown = (await db.Database.GetAppliedMigrationsAsync(cancellationToken)).Where(m => !known.Contains(m)).ToList();
        if (unknown.Count == 0)
        {
            return false;
        }

        if (!development || !db.Database.IsSqlite())
        {
            throw new InvalidOperationException(
                $"The database of {db.GetType().Name} was migrated by {string.Join(", ", unknown.Take(3))}…, which this version does not know. " +
                "The migrations were squashed before the first release; create the database again (docs/operations.md).");
        }

        var file = new SqliteConnectionStringBuilder(db.Database.GetConnectionString()).DataSource;
        logger.LogWarning("The development database {File} was made by migrations that were squashed before the first release; it is deleted and created again with fresh demo data.", file);
        await db.Database.EnsureDeletedAsync(cancellationToken);
        SqliteConnection.ClearAllPools();
        foreach (var leftover in new[] { file + "-wal", file + "-shm" })
        {
            File.Delete(leftover);
        }

        return true;
    }
}
