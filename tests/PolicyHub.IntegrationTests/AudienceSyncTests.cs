using Microsoft.Extensions.Time.Testing;
using PolicyHub.Core.Acknowledgements;
using PolicyHub.Core.Audit;
using PolicyHub.Core.Policies;
using PolicyHub.Core.Tenancy;
using PolicyHub.Data.Database;
using PolicyHub.Data.Web;
using PolicyHub.Web.Features.Campaigns;

namespace PolicyHub.IntegrationTests;

/// <summary>Audience resolution on a real SQLite database, with a fake clock.</summary>
public sealed class AudienceSyncTests : IAsyncLifetime
{
    private static readonly DateTime Start = new(2026, 12, 1, 9, 0, 0, DateTimeKind.Utc);
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(Start));
    private TestDatabase _database = null!;
    private Guid _tenant;
    private Guid _version;
    private Guid _policy;
    private readonly Dictionary<string, Guid> _units = [];
    private readonly Dictionary<string, Guid> _people = [];

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync();
        _tenant = (await _database.CreateTenantAsync("acme")).Id;
        await using var db = _database.NewContext(_tenant);
        foreach (var name in new[] { "Sales", "HR" })
        {
            var d = new Department { Name = name };
            db.Add(d);
            _units[name] = d.Id;
        }

        foreach (var name in new[] { "Berlin", "Munich" })
        {
            var l = new Location { Name = name };
            db.Add(l);
            _units[name] = l.Id;
        }

        Add(db, "ann", "Sales", "Berlin", MembershipStatus.Active);
        Add(db, "bob", "Sales", "Munich", MembershipStatus.Invited);
        Add(db, "cem", "HR", "Berlin", MembershipStatus.Active);
        Add(db, "dora", "HR", "Munich", MembershipStatus.Active);
        Add(db, "eve", null, null, MembershipStatus.Active);
        Add(db, "finn", "Sales", "Berlin", MembershipStatus.Deactivated);
        var policy = new Policy { Title = "Social media", Category = "Social media", OwnerId = _people["cem"] };
        var version = new PolicyVersion { PolicyId = policy.Id, Number = 1, Markdown = "# Rules", AuthorId = _people["cem"], Status = PolicyVersionStatus.Published };
        db.AddRange(policy, version);
        await db.SaveChangesAsync();
        _policy = policy.Id;
        _version = version.Id;
    }

    public async Task DisposeAsync() => await _database.DisposeAsync();

    [Fact]
    public async Task Audience_CombinationOfDepartmentLocationAndPerson_IsTheUnionWithoutDeactivatedPeople()
    {
        var assignment = await AssignAsync(everyone: false, ("Sales", AssignmentTargetKind.Department), ("Munich", AssignmentTargetKind.Location), ("eve", AssignmentTargetKind.Member));

        var result = await SyncAsync(assignment, initial: true);

        Assert.Equal(new SyncResult(4, 0, 0), result);
        Assert.Equal(["ann", "bob", "dora", "eve"], await OpenAsync(assignment));
        Assert.All(await RequestsAsync(assignment), r => Assert.Equal(Start.AddDays(30), r.DueAt));
    }

    [Fact]
    public async Task Audience_Everyone_IncludesInvitedButNotDeactivatedPeople()
    {
        var assignment = await AssignAsync(everyone: true);

        await SyncAsync(assignment, initial: true);

        Assert.Equal(["ann", "bob", "cem", "dora", "eve"], await OpenAsync(assignment));
    }

    [Fact]
    public async Task DeclinedInvitation_LeavesThePersonOutOfEveryAudience()
    {
        var assignment = await AssignAsync(everyone: true);
        await SyncAsync(assignment, initial: true);
        await using (var db = _database.NewContext(_tenant))
        {
            var bob = await db.Memberships.SingleAsync(m => m.Id == _people["bob"]);
            bob.Status = MembershipStatus.Declined;
            await db.SaveChangesAsync();
        }

        Assert.Equal(new SyncResult(0, 0, 1), await SyncAsync(assignment));
        Assert.Equal(RequestStatus.Withdrawn, (await RequestsAsync(assignment)).Single(r => r.MembershipId == _people["bob"]).Status);
        Assert.Equal(["ann", "cem", "dora", "eve"], await OpenAsync(assignment));
    }

    [Fact]
    public async Task LaterJoiner_GetsARequestWithTheirOwnDueDate()
    {
        var assignment = await AssignAsync(everyone: false, ("Sales", AssignmentTargetKind.Department));
        await SyncAsync(assignment, initial: true);
        _clock.Advance(TimeSpan.FromDays(25));
        await using (var db = _database.NewContext(_tenant))
        {
            Add(db, "gus", "Sales", "Berlin", MembershipStatus.Active);
            await db.SaveChangesAsync();
        }

        var result = await SyncAsync(assignment);

        Assert.Equal(new SyncResult(1, 0, 0), result);
        var gus = (await RequestsAsync(assignment)).Single(r => r.MembershipId == _people["gus"]);
        Assert.Equal(Start.AddDays(25 + 14), gus.DueAt); // 14 days from joining, later than the assignment's due date
        Assert.Equal(new SyncResult(0, 0, 0), await SyncAsync(assignment)); // idempotent
    }

    [Fact]
    public async Task Leaver_OpenRequestIsWithdrawnButAnAcknowledgedOneStays()
    {
        var assignment = await AssignAsync(everyone: true);
        await SyncAsync(assignment, initial: true);
        await using (var db = _database.NewContext(_tenant))
        {
            var cem = await db.AcknowledgementRequests.SingleAsync(r => r.AssignmentId == assignment && r.MembershipId == _people["cem"]);
            cem.Status = RequestStatus.Acknowledged;
            cem.AcknowledgedAt = Start.AddDays(1);
            foreach (var leaving in await db.Memberships.Where(m => m.Id == _people["cem"] || m.Id == _people["dora"]).ToListAsync())
            {
                leaving.Status = MembershipStatus.Deactivated;
            }

            await db.SaveChangesAsync();
        }

        var result = await SyncAsync(assignment);

        Assert.Equal(new SyncResult(0, 0, 1), result);
        var requests = await RequestsAsync(assignment);
        Assert.Equal(RequestStatus.Withdrawn, requests.Single(r => r.MembershipId == _people["dora"]).Status);
        Assert.Equal(RequestStatus.Acknowledged, requests.Single(r => r.MembershipId == _people["cem"]).Status);
        Assert.Equal(["ann", "bob", "eve"], await OpenAsync(assignment));
    }

    [Fact]
    public async Task DepartmentMove_OutWithdrawsAndBackInReopens()
    {
        var assignment = await AssignAsync(everyone: false, ("HR", AssignmentTargetKind.Department));
        await SyncAsync(assignment, initial: true);

        await MoveAsync("cem", "Sales");
        Assert.Equal(new SyncResult(0, 0, 1), await SyncAsync(assignment));
        Assert.Equal(["dora"], await OpenAsync(assignment));

        await MoveAsync("ann", "HR");
        await MoveAsync("cem", "HR");
        Assert.Equal(new SyncResult(1, 1, 0), await SyncAsync(assignment));
        Assert.Equal(["ann", "cem", "dora"], await OpenAsync(assignment));

        await using var check = _database.NewContext(_tenant);
        var events = await check.AuditEvents.AsNoTracking().OrderBy(e => e.Sequence).ToListAsync();
        Assert.Equal(3, events.Count(e => e.Action == Core.Audit.AuditEvents.Names.AssignmentSynchronised));
        Assert.True(AuditChainVerifier.Verify(_tenant, events, await check.AuditChainHeads.SingleAsync()).IsValid);
    }

    [Fact]
    public async Task AnySaveThatMovesAPerson_TheirRequestsFollowTheNewUnit()
    {
        var assignment = await AssignAsync(everyone: true);
        await SyncAsync(assignment, initial: true);

        // A plain save, as any future path (SCIM, the API) would write it: nobody calls a helper.
        await using (var db = _database.NewContext(_tenant))
        {
            var ann = await db.Memberships.SingleAsync(m => m.Id == _people["ann"]);
            ann.DepartmentId = _units["HR"];
            ann.LocationId = _units["Munich"];
            await db.SaveChangesAsync();
        }

        var requests = await RequestsAsync(assignment);
        var moved = requests.Single(r => r.MembershipId == _people["ann"]);
        Assert.Equal((_units["HR"], _units["Munich"]), (moved.DepartmentId!.Value, moved.LocationId!.Value));
        var stayed = requests.Single(r => r.MembershipId == _people["cem"]);
        Assert.Equal(_units["HR"], stayed.DepartmentId);
    }

    private void Add(PolicyHubDbContext db, string name, string? department, string? location, MembershipStatus status)
    {
        var member = new Membership
        {
            Email = $"{name}@example.test", NormalizedEmail = $"{name.ToUpperInvariant()}@EXAMPLE.TEST", DisplayName = name,
            Roles = TenantRoles.Employee, Status = status,
            DepartmentId = department is null ? null : _units[department], LocationId = location is null ? null : _units[location],
        };
        db.Add(member);
        _people[name] = member.Id;
    }

    private async Task<Guid> AssignAsync(bool everyone, params (string Name, AssignmentTargetKind Kind)[] targets)
    {
        await using var db = _database.NewContext(_tenant);
        var assignment = new Assignment
        {
            PolicyId = _policy, PolicyVersionId = _version, Everyone = everyone, DueAt = Start.AddDays(30), CreatedAt = Start, CreatedBy = _people["cem"],
        };
        assignment.Targets.AddRange(targets.Select(t => new AssignmentTarget
        {
            Kind = t.Kind, TargetId = t.Kind == AssignmentTargetKind.Member ? _people[t.Name] : _units[t.Name],
        }));
        db.Add(assignment);
        await db.SaveChangesAsync();
        return assignment.Id;
    }

    private async Task<SyncResult> SyncAsync(Guid assignment, bool initial = false)
    {
        await using var db = _database.NewContext(_tenant, _clock);
        return await new AudienceSync(db, _clock).SyncAsync(assignment, "system", initial);
    }

    private async Task MoveAsync(string name, string department)
    {
        await using var db = _database.NewContext(_tenant);
        var member = await db.Memberships.SingleAsync(m => m.Id == _people[name]);
        member.DepartmentId = _units[department];
        await db.SaveChangesAsync();
    }

    private async Task<List<AcknowledgementRequest>> RequestsAsync(Guid assignment)
    {
        await using var db = _database.NewContext(_tenant);
        return await db.AcknowledgementRequests.AsNoTracking().Where(r => r.AssignmentId == assignment).ToListAsync();
    }

    private async Task<List<string>> OpenAsync(Guid assignment)
    {
        var names = _people.ToDictionary(p => p.Value, p => p.Key);
        return (await RequestsAsync(assignment)).Where(r => r.Status == RequestStatus.Open).Select(r => names[r.MembershipId]).Order(StringComparer.Ordinal).ToList();
    }
}
