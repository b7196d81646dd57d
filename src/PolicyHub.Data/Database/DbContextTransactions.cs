using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;

namespace PolicyHub.Data.Database;

public static class DbContextTransactions
{
    private static readonly ConcurrentDictionary<string, SemaphoreSlim> SqliteWriters = new(StringComparer.Ordinal);

    /// <summary>As long as SQLite's own busy timeout (SqliteConnectionSettings): the same patience, then the same kind of failure.</summary>
    private static readonly TimeSpan WriterWait = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Runs the work in one transaction under the provider's execution strategy (SQL Server retries
    /// transient faults, which requires user transactions to be wrapped like this).
    /// <para>
    /// SQLite allows one writer at a time, and its wait for the write lock blocks a thread: with many people
    /// acknowledging at once, requests parked in that wait starve the thread pool (docs/benchmarks.md). So within
    /// one process, SQLite transactions queue for their database asynchronously first and hold no thread while
    /// waiting; between processes (two instances on one file) SQLite's busy timeout still arbitrates.
    /// Transactions do not nest here (SQLite has no nested transactions either).
    /// </para>
    /// </summary>
    public static Task<T> InTransactionAsync<T>(this DbContext db, Func<CancellationToken, Task<T>> work, CancellationToken cancellationToken = default)
        => db.Database.CreateExecutionStrategy().ExecuteAsync(async ct =>
        {
            var writer = db.Database.IsSqlite() ? SqliteWriters.GetOrAdd(db.Database.GetConnectionString() ?? string.Empty, _ => new SemaphoreSlim(1, 1)) : null;
            if (writer is not null && !await writer.WaitAsync(WriterWait, ct))
            {
                throw new TimeoutException($"Another transaction of this process held the SQLite database for {WriterWait.TotalSeconds:F0} seconds.");
            }

            try
            {
                await using var transaction = await db.Database.BeginTransactionAsync(ct);
                var result = await work(ct);
                await transaction.CommitAsync(ct);
                return result;
            }
            finally
            {
                writer?.Release();
            }
        }, cancellationToken);
}
