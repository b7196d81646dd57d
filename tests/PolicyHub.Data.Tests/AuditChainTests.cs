using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using PolicyHub.Core.Audit;
using PolicyHub.Data.Database;
using PolicyHub.Testing;

namespace PolicyHub.Data.Tests;

public sealed class AuditChainTests
{
    [Fact]
    public async Task Append_64ConcurrentAppenders_GiveAContiguousChainThatVerifies()
    {
        await using var database = await TestDatabase.CreateAsync();
        var tenant = await database.CreateTenantAsync("acme");

        await Task.WhenAll(Enumerable.Range(0, 64).Select(i => Task.Run(async () =>
        {
            await using var db = database.NewContext(tenant.Id);
            await db.InTransactionAsync(async ct =>
            {
                db.Audit(Appended(i.ToString(System.Globalization.CultureInfo.InvariantCulture), new JsonObject { ["n"] = i }), "system");
                return await db.SaveChangesAsync(ct);
            });
        })));

        await using var check = database.NewContext(tenant.Id);
        var events = await check.AuditEvents.OrderBy(e => e.Sequence).ToListAsync();
        Assert.Equal(Enumerable.Range(1, 65).Select(i => (long)i), events.Select(e => e.Sequence));
        Assert.Equal(64, events.Skip(1).Select(e => e.EntityId).Distinct().Count());
        Assert.Equal(events.Count, events.Select(e => Convert.ToHexString(e.PreviousHash)).Distinct().Count()); // no fork
        var result = AuditChainVerifier.Verify(tenant.Id, events, await check.AuditChainHeads.SingleAsync());
        Assert.True(result.IsValid, result.Problem);
        Assert.Equal(65, result.EventsChecked);
    }

    [Fact]
    public async Task Append_WithoutTransaction_IsRefused()
    {
        await using var database = await TestDatabase.CreateAsync();
        var tenant = await database.CreateTenantAsync("acme");
        await using var db = database.NewContext(tenant.Id);

        db.Audit(Appended("1"), "system");

        await Assert.ThrowsAsync<InvalidOperationException>(() => db.SaveChangesAsync());
    }

    [Fact]
    public async Task Append_RolledBackTransaction_LeavesNoEventAndTheHeadUnchanged()
    {
        await using var database = await TestDatabase.CreateAsync();
        var tenant = await database.CreateTenantAsync("acme");

        await using (var db = database.NewContext(tenant.Id))
        {
            await Assert.ThrowsAsync<InvalidOperationException>(() => db.InTransactionAsync<int>(async ct =>
            {
                db.Audit(Appended("1"), "system");
                await db.SaveChangesAsync(ct);
                throw new InvalidOperationException("the change fails after the save");
            }));
        }

        await using var check = database.NewContext(tenant.Id);
        Assert.Equal(1, await check.AuditEvents.CountAsync());
        Assert.Equal(1, (await check.AuditChainHeads.SingleAsync()).LastSequence);
    }

    [Fact]
    public async Task Append_SequenceAlreadyTakenBehindTheHeadsBack_RetriesWithTheNextNumber()
    {
        await using var database = await TestDatabase.CreateAsync();
        var tenant = await database.CreateTenantAsync("acme");
        await using (var rogue = database.NewContext(tenant.Id))
        {
            // A row at sequence 2 that did not go through the head: the next appender's reservation collides with it.
            rogue.AuditEvents.Add(new AuditEvent
            {
                Sequence = 2, OccurredAt = DateTime.UtcNow, Actor = "rogue", Action = "rogue.row", EntityType = "Test", EntityId = "x",
                Payload = [1], PreviousHash = new byte[32], Hash = new byte[32],
            });
            await rogue.SaveChangesAsync();
        }

        await using (var db = database.NewContext(tenant.Id))
        {
            await db.InTransactionAsync(async ct =>
            {
                db.Audit(Appended("1"), "system");
                return await db.SaveChangesAsync(ct);
            });
        }

        await using var check = database.NewContext(tenant.Id);
        var appended = await check.AuditEvents.SingleAsync(e => e.Action == "test.appended");
        Assert.Equal(3, appended.Sequence);
        Assert.Equal(3, (await check.AuditChainHeads.SingleAsync()).LastSequence);
        // The rogue row itself is what verification then reports.
        var result = AuditChainVerifier.Verify(tenant.Id, await check.AuditEvents.OrderBy(e => e.Sequence).ToListAsync());
        Assert.Equal(2, result.FirstBrokenSequence);
    }

    public static TheoryData<string, int> Tampering => new()
    {
        { "payload", 3 },
        { "hash", 5 },
        { "action column", 2 },
        { "actor column", 3 },
        { "time column", 4 },
        { "entity type column", 5 },
        { "entity id column", 6 },
        { "delete", 4 },
        { "swap", 3 },
        { "insert", 6 },
        { "delete last", 10 },
    };

    [Theory]
    [MemberData(nameof(Tampering))]
    public async Task Verify_TamperedChain_ReportsTheFirstBrokenPosition(string tampering, int position)
    {
        await using var database = await TestDatabase.CreateAsync();
        var tenant = await database.CreateTenantAsync("acme");
        for (var i = 2; i <= 10; i++)
        {
            await using var db = database.NewContext(tenant.Id);
            await db.InTransactionAsync(async ct =>
            {
                db.Audit(Appended(i.ToString(System.Globalization.CultureInfo.InvariantCulture)), "system");
                return await db.SaveChangesAsync(ct);
            });
        }

        await using var check = database.NewContext(tenant.Id);
        var events = await check.AuditEvents.AsNoTracking().OrderBy(e => e.Sequence).ToListAsync();
        var head = await check.AuditChainHeads.AsNoTracking().SingleAsync();
        Assert.True(AuditChainVerifier.Verify(tenant.Id, events, head).IsValid);

        var at = position - 1;
        switch (tampering)
        {
            case "payload":
                events[at].Payload[^3] ^= 0x01;
                break;
            case "hash":
                events[at].Hash[0] ^= 0x01;
                break;
            case "action column":
                events[at].Action = "something.else";
                break;
            case "actor column":
                events[at].Actor = "member:someone-else";
                break;
            case "time column":
                events[at].OccurredAt = events[at].OccurredAt.AddTicks(1);
                break;
            case "entity type column":
                events[at].EntityType = "Other";
                break;
            case "entity id column":
                events[at].EntityId = "99";
                break;
            case "delete":
                events.RemoveAt(at);
                break;
            case "swap":
                (events[at], events[at + 1]) = (events[at + 1], events[at]);
                break;
            case "insert":
                events.Insert(at, events[at - 1]);
                break;
            case "delete last":
                events.RemoveAt(events.Count - 1);
                break;
        }

        var result = AuditChainVerifier.Verify(tenant.Id, events, head);

        Assert.False(result.IsValid);
        Assert.Equal(position, result.FirstBrokenSequence);
    }

    private static AuditEntry Appended(string id, JsonObject? data = null) => new("test.appended", "Test", id, data ?? []);
}
