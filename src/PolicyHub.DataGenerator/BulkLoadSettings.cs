using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace PolicyHub.DataGenerator;

/// <summary>
/// SQLite settings for the generator's own connections only: a bulk load that can simply be run again if the
/// machine crashes needs no fsync per commit (synchronous=OFF) and likes a large page cache. The app's
/// connections keep their durable settings.
/// </summary>
public sealed class BulkLoadSettings : DbConnectionInterceptor
{
    private const string Pragmas = "PRAGMA synchronous = OFF; PRAGMA cache_size = -262144; PRAGMA temp_store = MEMORY;";

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        command.ExecuteNonQuery();
    }
}
