using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace PolicyHub.Data.Database;

/// <summary>
/// What `dotnet ef` uses to build a DbContext without a running app: each migrations project derives one per
/// DbContext with its provider. The connection string is never opened for `migrations add` or `script`.
/// </summary>
public abstract class DesignTimeFactory<TContext>(DatabaseProvider provider, string connectionString, Func<DbContextOptions<TContext>, TContext> create)
    : IDesignTimeDbContextFactory<TContext>
    where TContext : DbContext
{
    public TContext CreateDbContext(string[] args) => create(new DbContextOptionsBuilder<TContext>().UsePolicyHubProvider(provider, connectionString).Options);
}
