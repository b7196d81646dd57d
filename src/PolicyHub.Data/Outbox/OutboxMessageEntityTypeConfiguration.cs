using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PolicyHub.Core.Email;

namespace PolicyHub.Data.Outbox;

public sealed class OutboxMessageEntityTypeConfiguration : IEntityTypeConfiguration<OutboxMessage>
{
    public void Configure(EntityTypeBuilder<OutboxMessage> builder)
    {
        builder.ToTable("OutboxMessages");
        builder.HasKey(m => m.Id);
        builder.Property(m => m.To).HasMaxLength(320);
        builder.Property(m => m.Subject).HasMaxLength(500);
        builder.Property(m => m.LastError).HasMaxLength(2000);
        builder.Property(m => m.LockedBy).HasMaxLength(200);
        // The dispatcher's query: unsent, not given up, due.
        builder.HasIndex(m => new { m.SentAt, m.FailedAt, m.NextAttemptAt });
        // "How many mails did this address get in the last hour" (the auth service's per-account mail limit).
        builder.HasIndex(m => new { m.To, m.CreatedAt });
    }
}
