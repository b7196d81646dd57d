using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using SQLitePCL;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace PolicyHub.Data.Database;

/// <summary>
/// Per-connection SQLite settings, applied each time EF Core opens a connection: secure_delete overwrites
/// deleted and replaced content with zeros, so personal data that is changed or erased does not linger in free
/// pages of the file; reads go through a memory map (256 MB) and a 16 MB page cache instead of a read() call per
/// page, which halves the time of reading 20,000 people from a 5 GB file (docs/benchmarks.md); commits sync as
/// configured (<see cref="SqliteSynchronous"/>). (Journal mode is a property of the file, set once at migration.)
/// </summary>
public sealed class SqliteConnectionSettings : DbConnectionInterceptor
{
    public static readonly SqliteConnectionSettings Full = new(SqliteSynchronous.Full);
    public static readonly SqliteConnectionSettings Normal = new(SqliteSynchronous.Normal);

    private SqliteConnectionSettings(SqliteSynchronous synchronous)
    {
        Pragmas = PragmasFor(synchronous);
    }

    /// <summary>The statements run on every new connection (also used by the raw-insert baseline of the benchmarks).</summary>
    public string Pragmas { get; }

    public static SqliteConnectionSettings For(SqliteSynchronous synchronous) => synchronous == SqliteSynchronous.Normal ? Normal : Full;

    /// <summary>How much of the database file a connection reads through a memory map (256 MB).</summary>
    public const long MemoryMapBytes = 256 * 1024 * 1024;

    public static string PragmasFor(SqliteSynchronous synchronous)
        => $"PRAGMA secure_delete = ON; PRAGMA mmap_size = {MemoryMapBytes}; PRAGMA cache_size = -16384; PRAGMA busy_timeout = 30000; PRAGMA synchronous = {synchronous.ToString().ToUpperInvariant()};";

    /// <summary>
    /// Runs <paramref name="work"/> on one open connection that reads without the memory map, then maps again.
    /// For long sequential reads (an export of the whole audit trail): through the map, every page read stays
    /// in the process's resident memory up to the map's size, while read() leaves it to the system's page cache;
    /// a scan gains nothing from the map. Other providers just run the work.
    /// </summary>
    public static async Task WithoutMemoryMapAsync(DbContext db, Func<Task> work, CancellationToken ct)
    {
        if (!db.Database.IsSqlite())
        {
            await work();
            return;
        }

        await db.Database.OpenConnectionAsync(ct);
        try
        {
            await MemoryMapAsync(db, 0, ct);
            try
            {
                await work();
            }
            finally
            {
                // The pool keeps this connection, and its settings are applied once: the map must come back.
                await MemoryMapAsync(db, MemoryMapBytes, CancellationToken.None);
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private static async Task MemoryMapAsync(DbContext db, long bytes, CancellationToken ct)
    {
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = $"PRAGMA mmap_size = {bytes};";
        await command.ExecuteNonQueryAsync(ct);
    }

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        if (IsNew(connection))
        {
            using var command = connection.CreateCommand();
            command.CommandText = Pragmas;
            command.ExecuteNonQuery();
        }
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        if (IsNew(connection))
        {
            await using var command = connection.CreateCommand();
            command.CommandText = Pragmas;
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    // The settings belong to SQLite's connection handle, which the pool keeps open across many opens of
    // SqliteConnection objects: they are applied once per handle (they cost five statements on every open, and a
    // request opens a connection for each query outside a transaction).
    private static bool IsNew(DbConnection connection)
        => connection is not SqliteConnection { Handle: { } handle } || Configured.TryAdd(handle, Applied);

    private static readonly ConditionalWeakTable<sqlite3, object> Configured = [];
    private static readonly object Applied = new();
}

public static class SqliteWriteAheadLog
{
    /// <summary>
    /// Copies SQLite's write-ahead log back into the database file and empties it, so that old page images (for
    /// example of erased personal data) leave the disk. A checkpoint reports "busy" rather than failing while
    /// another connection reads, so it is tried again briefly. Does nothing on other providers.
    /// </summary>
    public static async Task TruncateAsync(DbContext db, CancellationToken ct)
    {
        if (!db.Database.IsSqlite())
        {
            return;
        }

        await db.Database.OpenConnectionAsync(ct);
        try
        {
            for (var attempt = 0; attempt < 50; attempt++)
            {
                await using var command = db.Database.GetDbConnection().CreateCommand();
                command.CommandText = "PRAGMA wal_checkpoint(TRUNCATE);";
                await using var reader = await command.ExecuteReaderAsync(ct);
                if (await reader.ReadAsync(ct) && reader.GetInt64(0) == 0)
                {
                    return;
                }

                await Task.Delay(TimeSpan.FromMilliseconds(100), ct); // wall-clock: the other reader is real, whatever the app's clock says
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }
}
