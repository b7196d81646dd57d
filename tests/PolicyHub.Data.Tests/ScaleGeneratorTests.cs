using Microsoft.EntityFrameworkCore;
using PolicyHub.Core.Acknowledgements;
using PolicyHub.Core.Audit;
using PolicyHub.Data.Database;
using PolicyHub.Data.Web;
using PolicyHub.DataGenerator;
using PolicyHub.Testing;
using PolicyHub.Web.Features.Audit;

namespace PolicyHub.Data.Tests;

/// <summary>The benchmark data generator at a small scale: consistent rows, the app's event types, a chain that verifies.</summary>
public sealed class ScaleGeneratorTests
{
    [Fact]
    public async Task Generate_SmallOrganisation_RowsAreConsistent_AndTheChainVerifies()
    {
        await using var database = await TestDatabase.CreateAsync();
        var scale = new ScaleOptions { Slug = "scale", People = 300, Policies = 4, VersionsPerPolicy = 2, Acknowledgements = 700, Days = 60, BatchSize = 128 };
        var options = new DbContextOptionsBuilder<PolicyHubDbContext>().UsePolicyHubProvider(DatabaseProvider.Sqlite, database.ConnectionString).Options;

        var result = await new ScaleGenerator(options, scale, TextWriter.Null).RunAsync();

        await using var db = database.NewContext(result.TenantId);
        var people = await db.Memberships.CountAsync();
        Assert.Equal(result.People, people);
        Assert.True(people > scale.People, "The demo people are members too.");
        Assert.Equal(scale.Policies * scale.VersionsPerPolicy, await db.PolicyVersions.CountAsync());
        Assert.Equal(scale.Policies, await db.PolicyVersions.CountAsync(v => v.Status == Core.Policies.PolicyVersionStatus.Published));
        Assert.Equal((long)people * scale.Policies, await db.AcknowledgementRequests.CountAsync());
        Assert.Equal(scale.Acknowledgements, await db.Acknowledgements.CountAsync());

        // Every acknowledgement answers its request, which points back at it (the bulk rows join like EF's own).
        var answered = await (from a in db.Acknowledgements
                              join r in db.AcknowledgementRequests on a.RequestId equals r.Id
                              where r.AcknowledgementId == a.Id && r.Status == RequestStatus.Acknowledged && r.MembershipId == a.MembershipId && r.PolicyVersionId == a.PolicyVersionId
                              select a.Id).CountAsync();
        Assert.Equal(scale.Acknowledgements, answered);
        Assert.Equal(scale.Acknowledgements, await db.AcknowledgementRequests.CountAsync(r => r.Status == RequestStatus.Acknowledged));

        // The chain: every event of the app's own kinds, in time order, verifying end to end.
        var events = await db.AuditEvents.AsNoTracking().OrderBy(e => e.Sequence).ToListAsync();
        var head = await db.AuditChainHeads.AsNoTracking().SingleAsync();
        Assert.Equal(result.AuditEvents, events.Count);
        Assert.Equal(scale.Acknowledgements, events.Count(e => e.Action == "acknowledgement.recorded"));
        Assert.All(events.Select(e => e.Action).Distinct(), action => Assert.Contains(action, PolicyHub.Core.Audit.AuditEvents.Names.All));
        Assert.True(events.Zip(events.Skip(1)).All(pair => pair.First.OccurredAt <= pair.Second.OccurredAt), "Event times go forward with the sequence.");
        var verification = AuditChainVerifier.Verify(result.TenantId, events, head);
        Assert.True(verification.IsValid, verification.Problem);
    }

    [Theory]
    [InlineData("--people", "0")]
    [InlineData("--acknowledgements", "9999999")]
    [InlineData("--colour", "blue")]
    public void Parse_BadOptions_AreRefusedWithAReason(string option, string value)
    {
        var error = Assert.Throws<ArgumentException>(() => ScaleOptions.Parse(["--people", "10", "--policies", "2", option, value], out _));
        Assert.False(string.IsNullOrWhiteSpace(error.Message));
    }
}
