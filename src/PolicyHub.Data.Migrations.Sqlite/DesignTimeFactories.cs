using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using PolicyHub.Data.Database;
using PolicyHub.Data.Identity;
using PolicyHub.Data.Web;

namespace PolicyHub.Data.Migrations.Sqlite;

// Used by `dotnet ef` only; the connection string is never opened for `migrations add` or `script`.
public sealed class PolicyHubDbContextFactory : IDesignTimeDbContextFactory<PolicyHubDbContext>
{
    public PolicyHubDbContext CreateDbContext(string[] args) => new(
        new DbContextOptionsBuilder<PolicyHubDbContext>()
            .UsePolicyHubProvider(DatabaseProvider.Sqlite, "Data Source=design-time-policyhub.db").Options);
}

public sealed class AuthDbContextFactory : IDesignTimeDbContextFactory<AuthDbContext>
{
    public AuthDbContext CreateDbContext(string[] args) => new(
        new DbContextOptionsBuilder<AuthDbContext>()
            .UsePolicyHubProvider(DatabaseProvider.Sqlite, "Data Source=design-time-identity.db").Options);
}
