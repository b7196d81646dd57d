using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Query;
using PolicyHub.Core.Tenancy;

namespace PolicyHub.Data.Web;

/// <summary>
/// The one way to update tenant-owned rows in bulk. EF's bulk update bypasses the SaveChanges guard, so this
/// adds the current organisation's predicate explicitly (on top of the query filter, which a caller could have
/// switched off) and refuses to run without a current organisation. An architecture test (IsolationAllowListTests)
/// allows bulk updates and deletes nowhere else for tenant data, and no bulk update may set a TenantId.
/// </summary>
public static class TenantBulkUpdates
{
    public static Task<int> UpdateInTenantAsync<T>(this IQueryable<T> rows, PolicyHubDbContext db, Action<UpdateSettersBuilder<T>> set, CancellationToken cancellationToken)
        where T : class, ITenantOwned
    {
        var tenant = db.CurrentTenantId
            ?? throw new TenantIsolationException($"{typeof(T).Name} rows were to be updated in bulk without a current organisation.");
        return rows.Where(r => r.TenantId == tenant).ExecuteUpdateAsync(set, cancellationToken);
    }
}
