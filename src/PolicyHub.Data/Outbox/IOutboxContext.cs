using Microsoft.EntityFrameworkCore;
using PolicyHub.Core.Email;

namespace PolicyHub.Data.Outbox;

/// <summary>A DbContext that carries an email outbox in its own database.</summary>
public interface IOutboxContext
{
    DbSet<OutboxMessage> OutboxMessages { get; }
}
