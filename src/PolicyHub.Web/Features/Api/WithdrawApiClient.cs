using PolicyHub.Web.Features;

namespace PolicyHub.Web.Features.Api;

public enum WithdrawApiClientOutcome { NotFound, Withdrawn, AlreadyWithdrawn }

/// <summary>An administrator withdraws a client's access (its tokens are refused from the next request); records "api_client.revoked".</summary>
public sealed class WithdrawApiClient(PolicyHubDbContext db, TenantContext tenant, TimeProvider time) : IStateChange
{

    public async Task<(WithdrawApiClientOutcome Outcome, ApiClient? Client)> WithdrawAsync(Guid id, CancellationToken ct)
    {
        var client = await db.ApiClients.SingleOrDefaultAsync(c => c.Id == id, ct);
        if (client is null)
        {
            return (WithdrawApiClientOutcome.NotFound, null);
        }

        if (client.RevokedAt is not null)
        {
            return (WithdrawApiClientOutcome.AlreadyWithdrawn, client);
        }

        await db.InTransactionAsync(async token =>
        {
            client.RevokedAt = time.GetUtcNow().UtcDateTime;
            db.Audit(Core.Audit.AuditEvents.ApiClientRevoked(client), tenant.Actor);
            return await db.SaveChangesAsync(token);
        }, ct);
        return (WithdrawApiClientOutcome.Withdrawn, client);
    }
}
