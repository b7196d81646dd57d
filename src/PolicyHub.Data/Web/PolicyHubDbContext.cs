using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using PolicyHub.Core.Email;
using PolicyHub.Data.Outbox;

namespace PolicyHub.Data.Web;

/// <summary>The Web app's unit of work: tenants, policies, acknowledgements and the audit trail live here.</summary>
public class PolicyHubDbContext(DbContextOptions<PolicyHubDbContext> options)
    : DbContext(options), IDataProtectionKeyContext, IOutboxContext
{
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();
    public DbSet<OutboxMessage> OutboxMessages => Set<OutboxMessage>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.ApplyConfiguration(new OutboxMessageEntityTypeConfiguration());
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(PolicyHubDbContext).Assembly,
            t => t.Namespace?.StartsWith("PolicyHub.Data.Web", StringComparison.Ordinal) == true);
    }
}
