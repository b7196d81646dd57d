using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using PolicyHub.Core.Tenancy;
using PolicyHub.Data.Database;
using PolicyHub.Data.Web;
using PolicyHub.Web.Features;
using PolicyHub.Web.Features.Tenancy;

namespace PolicyHub.Web.Features.Api;

public enum WithdrawApiClientOutcome { NotFound, Withdrawn, AlreadyWithdrawn }

/// <summary>An administrator withdraws a client's access (its tokens are refused from the next request); records "api_client.revoked".</summary>
public sealed class WithdrawApiClient(PolicyHubDbContext db, TenantContext tenant, TimeProvider time) : IStateChange
{
    public const string Revoked = Core.Audit.AuditEvents.ApiClientRevoked;

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
            db.Audit(Revoked, nameof(ApiClient), client.Id.ToString(), tenant.Actor, new JsonObject { ["clientId"] = client.ClientId });
            return await db.SaveChangesAsync(token);
        }, ct);
        return (WithdrawApiClientOutcome.Withdrawn, client);
    }
}
