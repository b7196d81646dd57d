using Microsoft.Extensions.Options;
using PolicyHub.Core.Text;
using PolicyHub.Web.Extensions;
using PolicyHub.Web.Features;

namespace PolicyHub.Web.Features.Api;

/// <summary>The outcome: the client allowed, or the message for the client id field.</summary>
public sealed record AllowApiClientResult(ApiClient? Client, string? Problem);

/// <summary>
/// An administrator allows a machine client of the auth service to use this organisation's API: never PolicyHub's
/// own sign-in client, only a client the auth service's directory knows as a machine client, and only one not
/// serving another organisation. Records "api_client.allowed" in the same transaction.
/// </summary>
public sealed class AllowApiClient(
    PolicyHubDbContext db, TenantContext tenant, TenantDirectory directory, ClientDirectory clients, TimeProvider time,
    IOptions<OidcSettings> oidc, IStringLocalizer<SharedResource> l) : IStateChange
{

    public async Task<AllowApiClientResult> AllowAsync(ApiClientForm form, CancellationToken ct)
    {
        var clientId = form.ClientId?.Trim() ?? string.Empty;
        if (string.Equals(clientId, oidc.Value.ClientId, StringComparison.OrdinalIgnoreCase))
        {
            // PolicyHub's own sign-in client: allowing it would let anyone who holds the Web app's secret read the organisation.
            return Refused(l["This is PolicyHub's own sign-in client; it can never be given API access. Ask the operator of the sign-in service for a machine client."]);
        }

        // Only a client the auth service knows as a machine client: a sign-in client's id would let whoever holds its secret read the organisation.
        var lookup = await clients.FindAsync(clientId, ct);
        switch (lookup.Kind)
        {
            case ClientKind.Unknown:
                return Refused(l["The sign-in service has no client with this id. Check the spelling (it is case-sensitive) or ask its operator for a machine client."]);
            case ClientKind.Interactive:
                return Refused(l["This client signs people in; only a machine client (client credentials, no redirect addresses) can be given API access."]);
            case ClientKind.Unavailable:
                return Refused(l["The sign-in service could not confirm this client just now. Nothing was changed; try again in a moment."]);
        }

        // A client serves one organisation at a time.
        clientId = lookup.ClientId!;
        if (await directory.ClientIdTakenAsync(clientId, ct))
        {
            return Taken();
        }

        var client = new ApiClient { ClientId = clientId, Name = TextRules.NormalizeName(form.Name!)!, CreatedAt = time.GetUtcNow().UtcDateTime, CreatedBy = tenant.Membership.Id };
        try
        {
            await db.InTransactionAsync(async token =>
            {
                db.ApiClients.Add(client);
                db.Audit(Core.Audit.AuditEvents.ApiClientAllowed(client), tenant.Actor);
                return await db.SaveChangesAsync(token);
            }, ct);
        }
        catch (DbUpdateException e) when (e.IsUniqueViolation())
        {
            db.ChangeTracker.Clear();
            return Taken();
        }

        return new AllowApiClientResult(client, null);
    }

    private AllowApiClientResult Taken()
        => Refused(l["This client already has access to an organisation. Ask the operator of the sign-in service for a client of your own."]);

    private static AllowApiClientResult Refused(string message) => new(null, message);
}
