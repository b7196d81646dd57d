using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using PolicyHub.Core.Audit;
using PolicyHub.Core.Tenancy;
using PolicyHub.Data.Database;
using PolicyHub.Data.Web;

namespace PolicyHub.Testing;

/// <summary>A migrated SQLite file of the Web's model in a fresh folder, and contexts on it.</summary>
public sealed class TestDatabase : IAsyncDisposable
{
    private readonly string _folder;

    private TestDatabase(string folder, string connectionString)
    {
        _folder = folder;
        ConnectionString = connectionString;
    }

    public string ConnectionString { get; }

    public static async Task<TestDatabase> CreateAsync()
    {
        var folder = Path.Combine(Path.GetTempPath(), "policyhub-tests", Guid.NewGuid().ToString("N"));
        var connectionString = DatabaseProviderSelection.ResolveConnectionString(new DatabaseOptions(), null, "policyhub.db", folder);
        var database = new TestDatabase(folder, connectionString);
        await using var db = database.NewContext();
        await db.Database.MigrateAsync();
        return database;
    }

    public PolicyHubDbContext NewContext(Guid? tenant = null, TimeProvider? clock = null)
    {
        var db = new PolicyHubDbContext(
            new DbContextOptionsBuilder<PolicyHubDbContext>().UsePolicyHubProvider(DatabaseProvider.Sqlite, ConnectionString).Options,
            clock ?? TimeProvider.System);
        if (tenant is { } id)
        {
            db.UseTenant(id);
        }

        return db;
    }

    /// <summary>An organisation with its chain head and its first audit event, as the product creates one.</summary>
    public async Task<Tenant> CreateTenantAsync(string slug)
    {
        var tenant = new Tenant { Slug = slug, Name = slug, CreatedAt = DateTime.UtcNow };
        await using var db = NewContext(tenant.Id);
        await db.InTransactionAsync(async ct =>
        {
            db.AddOrganisation(tenant, "system");
            return await db.SaveChangesAsync(ct);
        });
        return tenant;
    }

    public async ValueTask DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        await Task.Yield();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // Left for the OS to clean.
        }
    }
}
