using PolicyHub.Core.Acknowledgements;
using PolicyHub.Core.Audit;
using PolicyHub.Data.Database;
using PolicyHub.Data.Web;
using PolicyHub.Web.Features.Acknowledgements;

namespace PolicyHub.IntegrationTests.Resilience;

/// <summary>
/// The Web app killed with SIGKILL in the middle of many people acknowledging at once, then started again: an
/// acknowledgement that was answered "recorded" is there exactly once, nothing half-written is, every chain verifies.
/// </summary>
public sealed class CrashDuringLoadTests
{
    [Fact]
    public async Task KillWebDuringAcknowledgementLoad_Restart_EverySuccessPresentOnce_AndEveryChainVerifies()
    {
        await using var servers = LiveServers.Start(o => o.SeedDemoAccounts = true);
        using var load = await AcknowledgementLoad.PrepareAsync(servers, people: 12, policies: 4);
        var forms = await load.ReadAllAsync(servers.WebUrl);
        await servers.StopWebAsync();

        // The same Web app as its own process on the same port, database and data-protection keys: the cookies stay valid.
        using var web = await WebProcess.StartAsync(servers.WebSettings, servers.WebUrl);
        var successes = 0;
        var halfway = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var running = AcknowledgementLoad.SubmitAllAsync(servers.WebUrl, forms, answer =>
        {
            if (answer.AcknowledgementId is not null && Interlocked.Increment(ref successes) == load.Requests / 3)
            {
                halfway.TrySetResult();
            }
        });
        await Task.WhenAny(halfway.Task, running);
        web.Kill();
        var answers = await running;

        var succeeded = answers.Where(a => a.AcknowledgementId is not null).ToList();
        Assert.InRange(succeeded.Count, load.Requests / 3, load.Requests - 1);
        Assert.Contains(answers, a => a.Status is null); // some were cut off by the kill

        using var restarted = await WebProcess.StartAsync(servers.WebSettings, servers.WebUrl);
        await using (var db = OpenDatabase(servers))
        {
            var tenant = await db.Tenants.AsNoTracking().SingleAsync(t => t.Slug == DemoOrganisation.Slug);
            db.UseTenant(tenant.Id);
            var requestIds = load.People.SelectMany(p => p.RequestIds).ToList();
            var acknowledgements = await db.Acknowledgements.AsNoTracking().Where(a => requestIds.Contains(a.RequestId)).ToListAsync();
            var requests = await db.AcknowledgementRequests.AsNoTracking().Where(r => requestIds.Contains(r.Id)).ToDictionaryAsync(r => r.Id);
            var recorded = await db.AuditEvents.AsNoTracking().Where(e => e.Action == Core.Audit.AuditEvents.Names.AcknowledgementRecorded).Select(e => e.EntityId).ToListAsync();

            foreach (var success in succeeded)
            {
                Assert.Single(acknowledgements, a => a.Id == success.AcknowledgementId);
                Assert.Equal((RequestStatus.Acknowledged, success.AcknowledgementId), (requests[success.RequestId].Status, requests[success.RequestId].AcknowledgementId));
            }

            // Whatever committed before the kill (answered or not) is whole: one evidence row, its request answered, one audit event.
            Assert.Equal(acknowledgements.Count, acknowledgements.Select(a => a.RequestId).Distinct().Count());
            foreach (var acknowledgement in acknowledgements)
            {
                Assert.Equal(acknowledgement.Id, requests[acknowledgement.RequestId].AcknowledgementId);
                Assert.Single(recorded, id => id == acknowledgement.Id.ToString());
            }

            Assert.Equal(acknowledgements.Count, requests.Values.Count(r => r.Status == RequestStatus.Acknowledged));
            await AssertEveryChainVerifiesAsync(db);
        }

        // Nothing is lost: the people whose submit was cut off submit again and get their receipt (new or the one already recorded).
        var retry = forms.ToDictionary(f => f.Key, f => (IReadOnlyList<PreparedAcknowledgement>)f.Value.Where(a => !succeeded.Any(s => s.RequestId == a.RequestId)).ToList());
        var again = await AcknowledgementLoad.SubmitAllAsync(restarted.Url, retry);
        Assert.All(again, a => Assert.NotNull(a.AcknowledgementId));
        await using (var db = OpenDatabase(servers))
        {
            var requestIds = load.People.SelectMany(p => p.RequestIds).ToList();
            db.UseTenant(await db.Tenants.Where(t => t.Slug == DemoOrganisation.Slug).Select(t => t.Id).SingleAsync());
            Assert.Equal(load.Requests, await db.Acknowledgements.CountAsync(a => requestIds.Contains(a.RequestId)));
            Assert.Equal(load.Requests, await db.AcknowledgementRequests.CountAsync(r => requestIds.Contains(r.Id) && r.Status == RequestStatus.Acknowledged));
            await AssertEveryChainVerifiesAsync(db);
        }
    }

    private static PolicyHubDbContext OpenDatabase(LiveServers servers)
        => new(new DbContextOptionsBuilder<PolicyHubDbContext>().UsePolicyHubProvider(DatabaseProvider.Sqlite,
            DatabaseProviderSelection.ResolveConnectionString(new DatabaseOptions { DataDirectory = servers.DataDirectory }, null, "policyhub.db", servers.DataDirectory)).Options);

    /// <summary>Each organisation's chain, read through its own tenant filter, verifies against its head.</summary>
    internal static async Task AssertEveryChainVerifiesAsync(PolicyHubDbContext db)
    {
        foreach (var tenantId in await db.Tenants.AsNoTracking().Select(t => t.Id).ToListAsync())
        {
            db.UseTenant(tenantId);
            var events = await db.AuditEvents.AsNoTracking().OrderBy(e => e.Sequence).ToListAsync();
            var head = await db.AuditChainHeads.AsNoTracking().SingleAsync();
            var verification = AuditChainVerifier.Verify(tenantId, events, head);
            Assert.True(verification.IsValid, $"{tenantId}: {verification.Problem} at {verification.FirstBrokenSequence}");
        }
    }
}
