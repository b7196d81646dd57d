using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using PolicyHub.Core.Email;
using PolicyHub.Data.Outbox;

namespace PolicyHub.Data.Identity;

/// <summary>The auth service's own database: accounts (ASP.NET Core Identity) and OpenIddict's stores.</summary>
public class AuthDbContext(DbContextOptions<AuthDbContext> options)
    : IdentityDbContext<ApplicationUser>(options), IDataProtectionKeyContext, IOutboxContext
{
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();
    public DbSet<OutboxMessage> OutboxMessages => Set<OutboxMessage>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.UseOpenIddict();
        builder.ApplyConfiguration(new OutboxMessageEntityTypeConfiguration());
        builder.Entity<ApplicationUser>().Property(u => u.DisplayName).HasMaxLength(200);
    }
}
