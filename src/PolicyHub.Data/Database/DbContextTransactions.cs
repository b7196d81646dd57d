using Microsoft.EntityFrameworkCore;

namespace PolicyHub.Data.Database;

public static class DbContextTransactions
{
    /// <summary>
    /// Runs the work in one transaction under the provider's execution strategy (SQL Server retries
    /// transient faults, which requires user transactions to be wrapped like this).
    /// </summary>
    public static Task<T> InTransactionAsync<T>(this DbContext db, Func<CancellationToken, Task<T>> work, CancellationToken cancellationToken = default)
        => db.Database.CreateExecutionStrategy().ExecuteAsync(async ct =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            var result = await work(ct);
            await transaction.CommitAsync(ct);
            return result;
        }, cancellationToken);
}
