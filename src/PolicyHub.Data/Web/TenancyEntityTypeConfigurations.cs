using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PolicyHub.Core.Tenancy;

namespace PolicyHub.Data.Web;

public sealed class TenantEntityTypeConfiguration : IEntityTypeConfiguration<Tenant>
{
    public void Configure(EntityTypeBuilder<Tenant> builder)
    {
        builder.HasKey(t => t.Id);
        builder.Property(t => t.Slug).HasMaxLength(Limits.Slug);
        builder.HasIndex(t => t.Slug).IsUnique();
        builder.Property(t => t.Name).HasMaxLength(Limits.Name);
        builder.Property(t => t.DefaultCulture).HasMaxLength(10);
        builder.Property(t => t.ReminderDaysBefore).HasMaxLength(50);
        builder.Property(t => t.ConcurrencyStamp).IsConcurrencyToken();
    }
}

public sealed class MembershipEntityTypeConfiguration : IEntityTypeConfiguration<Membership>
{
    public void Configure(EntityTypeBuilder<Membership> builder)
    {
        builder.HasKey(m => m.Id);
        builder.HasOne<Tenant>().WithMany().HasForeignKey(m => m.TenantId).OnDelete(DeleteBehavior.Restrict);
        builder.Property(m => m.Subject).HasMaxLength(200);
        builder.Property(m => m.Email).HasMaxLength(Limits.Email);
        builder.Property(m => m.NormalizedEmail).HasMaxLength(Limits.Email);
        builder.Property(m => m.DisplayName).HasMaxLength(Limits.Name);
        builder.Property(m => m.ManagerEmail).HasMaxLength(Limits.Email);
        builder.Property(m => m.ConcurrencyStamp).IsConcurrencyToken();
        builder.HasIndex(m => new { m.TenantId, m.NormalizedEmail }).IsUnique();
        builder.HasIndex(m => new { m.TenantId, m.Subject }).IsUnique().HasFilter("[Subject] IS NOT NULL");
        // Sign-in looks up a person's memberships in every organisation by subject or verified email.
        builder.HasIndex(m => m.Subject);
        builder.HasIndex(m => m.NormalizedEmail);
        builder.HasIndex(m => new { m.TenantId, m.Status, m.DisplayName });
        // Reports list people in name order and stop after a page: this index is that order.
        builder.HasIndex(m => new { m.TenantId, m.DisplayName, m.Id });
        // Lists that join many requests to their people and sort by name (the dashboard's overdue people) read the
        // name from this index instead of each person's row: one B-tree seek per person instead of two on SQLite.
        builder.HasIndex(m => new { m.TenantId, m.Id, m.DisplayName });
        builder.HasOne(m => m.Department).WithMany().HasForeignKey(m => m.DepartmentId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(m => m.Location).WithMany().HasForeignKey(m => m.LocationId).OnDelete(DeleteBehavior.Restrict);
    }
}

public sealed class DepartmentEntityTypeConfiguration : IEntityTypeConfiguration<Department>
{
    public void Configure(EntityTypeBuilder<Department> builder)
    {
        builder.HasKey(d => d.Id);
        builder.HasOne<Tenant>().WithMany().HasForeignKey(d => d.TenantId).OnDelete(DeleteBehavior.Restrict);
        builder.Property(d => d.Name).HasMaxLength(Limits.Name);
        builder.HasIndex(d => new { d.TenantId, d.Name }).IsUnique();
    }
}

public sealed class LocationEntityTypeConfiguration : IEntityTypeConfiguration<Location>
{
    public void Configure(EntityTypeBuilder<Location> builder)
    {
        builder.HasKey(l => l.Id);
        builder.HasOne<Tenant>().WithMany().HasForeignKey(l => l.TenantId).OnDelete(DeleteBehavior.Restrict);
        builder.Property(l => l.Name).HasMaxLength(Limits.Name);
        builder.HasIndex(l => new { l.TenantId, l.Name }).IsUnique();
    }
}

public sealed class ApiClientEntityTypeConfiguration : IEntityTypeConfiguration<ApiClient>
{
    public void Configure(EntityTypeBuilder<ApiClient> builder)
    {
        builder.HasKey(c => c.Id);
        builder.HasOne<Tenant>().WithMany().HasForeignKey(c => c.TenantId).OnDelete(DeleteBehavior.Restrict);
        builder.Property(c => c.ClientId).HasMaxLength(Limits.ClientId);
        builder.Property(c => c.Name).HasMaxLength(Limits.Name);
        // A client id serves one organisation at a time: a token names the client, and the client names the organisation.
        builder.HasIndex(c => c.ClientId).IsUnique().HasFilter("[RevokedAt] IS NULL");
        builder.HasIndex(c => new { c.TenantId, c.CreatedAt });
    }
}

/// <summary>Column sizes shared by the model and the form validators.</summary>
public static class Limits
{
    public const int Name = 200;
    public const int Email = 320;
    public const int Slug = 63;
    public const int ClientId = 100;
}
