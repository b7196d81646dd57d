using System.Data.Common;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using PolicyHub.Data.Database;
using PolicyHub.Data.Web;

namespace PolicyHub.UnitTests;

/// <summary>The per-connection SQLite settings hold on every open, also when the pool hands out a connection again.</summary>
public sealed class SqliteConnectionSettingsTests
{
    [Theory]
    [InlineData(SqliteSynchronous.Full, 2)]
    [InlineData(SqliteSynchronous.Normal, 1)]
    public async Task EveryOpen_HasTheSettings_AppliedOncePerPooledConnection(SqliteSynchronous mode, long synchronous)
    {
        var file = Path.Combine(Path.GetTempPath(), "policyhub-unit", $"{Guid.NewGuid():N}.db");
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        var options = new DbContextOptionsBuilder<PolicyHubDbContext>().UsePolicyHubProvider(DatabaseProvider.Sqlite, $"Data Source={file}", mode).Options;
        try
        {
            var handles = new List<object>();
            for (var open = 0; open < 3; open++)
            {
                await using var db = new PolicyHubDbContext(options);
                await db.Database.OpenConnectionAsync();
                var connection = (SqliteConnection)db.Database.GetDbConnection();
                handles.Add(connection.Handle!);

                Assert.Equal(
                    (1L, 30000L, synchronous, 268435456L, -16384L),
                    (await PragmaAsync(connection, "secure_delete"), await PragmaAsync(connection, "busy_timeout"), await PragmaAsync(connection, "synchronous"),
                        await PragmaAsync(connection, "mmap_size"), await PragmaAsync(connection, "cache_size")));
            }

            Assert.Single(handles.Distinct()); // one pooled SQLite connection: its settings were applied once and kept
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            File.Delete(file);
        }
    }

    [Fact]
    public async Task WithoutMemoryMap_ReadsUnmapped_ThenThePooledConnectionMapsAgain()
    {
        var file = Path.Combine(Path.GetTempPath(), "policyhub-unit", $"{Guid.NewGuid():N}.db");
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        var options = new DbContextOptionsBuilder<PolicyHubDbContext>().UsePolicyHubProvider(DatabaseProvider.Sqlite, $"Data Source={file}").Options;
        try
        {
            long during = -1;
            object? handle = null;
            await using (var db = new PolicyHubDbContext(options))
            {
                await Assert.ThrowsAsync<InvalidOperationException>(() => SqliteConnectionSettings.WithoutMemoryMapAsync(db, async () =>
                {
                    during = await PragmaAsync(db.Database.GetDbConnection(), "mmap_size");
                    handle = ((SqliteConnection)db.Database.GetDbConnection()).Handle;
                    throw new InvalidOperationException("The export failed half-way.");
                }, CancellationToken.None));
            }

            await using var next = new PolicyHubDbContext(options);
            await next.Database.OpenConnectionAsync();
            Assert.Same(handle, ((SqliteConnection)next.Database.GetDbConnection()).Handle); // the same pooled connection
            Assert.Equal((0L, SqliteConnectionSettings.MemoryMapBytes), (during, await PragmaAsync(next.Database.GetDbConnection(), "mmap_size")));
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            File.Delete(file);
        }
    }

    private static async Task<long> PragmaAsync(DbConnection connection, string name)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = $"PRAGMA {name};";
        return Convert.ToInt64(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
    }
}
