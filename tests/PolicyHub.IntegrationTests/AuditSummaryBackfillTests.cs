using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using PolicyHub.Core.Audit;
using PolicyHub.Data.Database;
using PolicyHub.Data.Web;
using PolicyHub.Web.Features.Audit;

namespace PolicyHub.IntegrationTests;

/// <summary>The start-up backfill of audit summaries on a real SQLite database: it fills what is missing and nothing else.</summary>
public sealed class AuditSummaryBackfillTests : IAsyncLifetime
{
    private TestDatabase _database = null!;

    public async Task InitializeAsync() => _database = await TestDatabase.CreateAsync();

    public async Task DisposeAsync() => await _database.DisposeAsync();

    [Fact]
    public async Task EventsWithoutSummary_AreFilledFromTheirPayload_HashesUntouched_SecondRunFindsNothing()
    {
        var tenant = (await _database.CreateTenantAsync("backfill")).Id;
        await using (var db = _database.NewContext(tenant))
        {
            await db.InTransactionAsync(async ct =>
            {
                for (var i = 0; i < 3; i++)
                {
                    db.Audit(new AuditEntry("policy.created", "Policy", Guid.NewGuid().ToString(), new JsonObject { ["title"] = $"Rules {i}" }), "system");
                }

                return await db.SaveChangesAsync(ct);
            });
        }

        List<AuditEvent> before;
        await using (var db = _database.NewContext(tenant))
        {
            before = await db.AuditEvents.AsNoTracking().OrderBy(e => e.Sequence).ToListAsync();
            // As written before the summary column existed.
            await db.AuditEvents.Where(e => e.Sequence > 1).ExecuteUpdateAsync(s => s.SetProperty(e => e.Summary, (string?)null).SetProperty(e => e.PolicyId, (Guid?)null));
        }

        await using var services = new ServiceCollection()
            .AddDbContext<PolicyHubDbContext>(o => o.UsePolicyHubProvider(DatabaseProvider.Sqlite, _database.ConnectionString))
            .BuildServiceProvider();
        var backfill = new AuditSummaryBackfill(services.GetRequiredService<IServiceScopeFactory>(), NullLogger<AuditSummaryBackfill>.Instance);

        Assert.Equal(before.Count - 1, await backfill.RunAsync(CancellationToken.None));
        Assert.Equal(0, await backfill.RunAsync(CancellationToken.None));
        await using var check = _database.NewContext(tenant);
        var after = await check.AuditEvents.AsNoTracking().OrderBy(e => e.Sequence).ToListAsync();
        Assert.Equal(before.Select(e => (e.Sequence, e.Summary, e.PolicyId, Convert.ToHexString(e.Hash), e.Payload)),
            after.Select(e => (e.Sequence, e.Summary, e.PolicyId, Convert.ToHexString(e.Hash), e.Payload)));
        Assert.True(AuditChainVerifier.Verify(tenant, after, await check.AuditChainHeads.SingleAsync()).IsValid);
    }
}
