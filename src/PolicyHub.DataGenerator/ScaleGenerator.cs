using System.Diagnostics;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using PolicyHub.Core.Acknowledgements;
using PolicyHub.Core.Audit;
using PolicyHub.Demo;
using PolicyHub.Core.Policies;
using PolicyHub.Core.Tenancy;
using PolicyHub.Data.Database;
using PolicyHub.Data.Web;

namespace PolicyHub.DataGenerator;

public sealed record ScaleResult(Guid TenantId, int People, int Policies, int Versions, long Requests, long Acknowledgements, long AuditEvents, TimeSpan Elapsed);

/// <summary>
/// Fills one new organisation with a year of history at scale, through the app's own DbContext: the tenant guard
/// stamps every row and every audit event is chained by the same code as in the app (canonical payload, SHA-256,
/// head row), with the payloads the app writes. Time is simulated: policies are published one after another
/// across the period, each latest version is assigned to everyone, and people acknowledge in time order, so the
/// chain's timestamps increase like a real one's. The demo people are invited members too (with requests), so a
/// benchmark can sign in as them. Rows go in batches, one transaction each; requests and acknowledgements (which
/// carry no event of their own) go through one prepared INSERT per batch (<see cref="BulkInsert"/>).
/// </summary>
public sealed class ScaleGenerator(DbContextOptions<PolicyHubDbContext> options, ScaleOptions scale, TextWriter log)
{
    private const int EventsPerSave = 250;
    private readonly Random _random = new(scale.Seed);
    private readonly SimulatedClock _clock = new(DateTimeOffset.UtcNow.AddDays(-scale.Days));
    private Guid _tenantId;
    private long _events;

    public async Task<ScaleResult> RunAsync(CancellationToken ct = default)
    {
        var watch = Stopwatch.StartNew();
        var end = DateTimeOffset.UtcNow.AddMinutes(-1);
        var start = _clock.Now;
        await using (var db = NewContext())
        {
            await db.Database.MigrateAsync(ct);
            if (await db.Tenants.AnyAsync(t => t.Slug == scale.Slug, ct))
            {
                throw new InvalidOperationException($"An organisation with the slug '{scale.Slug}' exists already; choose another with --slug.");
            }
        }

        var people = await CreatePeopleAsync(ct);
        log.WriteLine($"{people.Count:N0} people ({watch.Elapsed.TotalSeconds:F0} s)");

        // The timeline: each policy is published (and assigned) at its moment; acknowledgements follow.
        var span = end - start;
        var policyTimes = Enumerable.Range(0, scale.Policies).Select(p => start + span * (0.85 * (p + 0.5) / scale.Policies)).ToArray();
        var counts = AcknowledgementsPerPolicy(people.Count);
        var acknowledgements = new List<(long Ticks, int Policy, int Person)>(scale.Acknowledgements);
        var indices = Enumerable.Range(0, people.Count).ToArray();
        for (var p = 0; p < scale.Policies; p++)
        {
            _random.Shuffle(indices);
            var assigned = policyTimes[p] + TimeSpan.FromHours(scale.VersionsPerPolicy * 2 + 1);
            for (var k = 0; k < counts[p]; k++)
            {
                var u = _random.NextDouble();
                var at = assigned + (end - assigned) * (0.02 + 0.96 * u * u);
                acknowledgements.Add((at.UtcTicks, p, indices[k]));
            }
        }

        acknowledgements.Sort((a, b) => a.Ticks.CompareTo(b.Ticks));
        var policies = new PolicyState[scale.Policies];
        var next = 0;
        long requests = 0;
        for (var p = 0; p < scale.Policies; p++)
        {
            // Acknowledgements of earlier policies that happened before this one was published.
            next = await AcknowledgeAsync(acknowledgements, next, policyTimes[p].UtcTicks, policies, people, ct);
            policies[p] = await PublishAndAssignAsync(p, policyTimes[p], people, acknowledgements, ct);
            requests += people.Count;
            if ((p + 1) % 10 == 0 || p + 1 == scale.Policies)
            {
                log.WriteLine($"{p + 1} policies, {next:N0} acknowledgements, {_events:N0} audit events ({watch.Elapsed.TotalSeconds:F0} s)");
            }
        }

        await AcknowledgeAsync(acknowledgements, next, long.MaxValue, policies, people, ct);
        log.WriteLine($"{acknowledgements.Count:N0} acknowledgements, {_events:N0} audit events ({watch.Elapsed.TotalSeconds:F0} s)");
        return new ScaleResult(_tenantId, people.Count, scale.Policies, scale.Policies * scale.VersionsPerPolicy, requests, acknowledgements.Count, _events, watch.Elapsed);
    }

    private sealed record Person(Guid Id, string Name, string Email, string Subject, Guid? DepartmentId, Guid? LocationId);

    /// <summary>What acknowledging needs to know of a policy: its current version and everyone's request for it.</summary>
    private sealed record PolicyState(Guid PolicyId, Guid VersionId, int Number, byte[] ContentHash, string Title, Guid[] Requests, Guid[] Acknowledgements);

    private PolicyHubDbContext NewContext()
    {
        var db = new PolicyHubDbContext(options, _clock);
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        if (_tenantId != Guid.Empty)
        {
            db.UseTenant(_tenantId);
        }

        return db;
    }

    private int[] AcknowledgementsPerPolicy(int people)
    {
        // Completion varies by policy (30 % to 100 % of the weight), the total is exact.
        var weights = Enumerable.Range(0, scale.Policies).Select(_ => 0.3 + 0.7 * _random.NextDouble()).ToArray();
        var total = weights.Sum();
        var counts = weights.Select(w => Math.Min(people, (int)(scale.Acknowledgements * w / total))).ToArray();
        var missing = scale.Acknowledgements - counts.Sum();
        for (var p = 0; missing > 0; p = (p + 1) % scale.Policies)
        {
            if (counts[p] < people)
            {
                counts[p]++;
                missing--;
            }
        }

        return counts;
    }

    private async Task<List<Person>> CreatePeopleAsync(CancellationToken ct)
    {
        var people = new List<Person>(scale.People + DemoPeople.All.Count);
        var tenant = new Tenant { Slug = scale.Slug, Name = scale.Name, DefaultCulture = "en", CreatedAt = _clock.Now.UtcDateTime };
        _tenantId = tenant.Id;
        var departments = Enumerable.Range(1, 12).Select(i => new Department { Name = $"Department {i:D2}" }).ToList();
        var locations = Cities.Select(n => new Location { Name = n }).ToList();
        await using (var db = NewContext())
        {
            await db.InTransactionAsync(async token =>
            {
                db.AddOrganisation(tenant, AuditActor.System);
                db.Departments.AddRange(departments);
                db.Locations.AddRange(locations);
                foreach (var demo in DemoPeople.All)
                {
                    // Invited: a demo account's first sign-in makes them active here, as in Demo GmbH.
                    var role = Enum.Parse<TenantRoles>(demo.Role);
                    var member = new Membership
                    {
                        Email = demo.Email, NormalizedEmail = Membership.Normalize(demo.Email), DisplayName = demo.Name,
                        Roles = role | TenantRoles.Employee, DepartmentId = departments[0].Id, LocationId = locations[0].Id,
                        Status = MembershipStatus.Invited, InvitedAt = _clock.Now.UtcDateTime,
                    };
                    db.Memberships.Add(member);
                    db.Audit(AuditEvents.MemberInvited(member), AuditActor.System);
                    people.Add(new Person(member.Id, member.DisplayName, member.Email, string.Empty, member.DepartmentId, member.LocationId));
                }

                _events += 1 + DemoPeople.All.Count;
                return await db.SaveChangesAsync(token);
            }, ct);
        }

        for (var first = 0; first < scale.People; first += scale.BatchSize)
        {
            await using var db = NewContext();
            await db.InTransactionAsync(async token =>
            {
                for (var i = first; i < Math.Min(scale.People, first + scale.BatchSize); i++)
                {
                    var name = $"{FirstNames[i % FirstNames.Length]} {LastNames[i / FirstNames.Length % LastNames.Length]} {i:D5}";
                    var email = $"person{i:D5}@{scale.Slug}.example";
                    var member = new Membership
                    {
                        Email = email, NormalizedEmail = Membership.Normalize(email), DisplayName = name, Subject = $"{scale.Slug}-subject-{i:D5}",
                        Roles = TenantRoles.Employee, DepartmentId = departments[i % departments.Count].Id, LocationId = locations[i % locations.Count].Id,
                        Status = MembershipStatus.Active, InvitedAt = _clock.Now.UtcDateTime, JoinedAt = _clock.Now.UtcDateTime,
                    };
                    db.Memberships.Add(member);
                    db.Audit(AuditEvents.MemberInvited(member), AuditActor.System);
                    db.Audit(AuditEvents.MemberJoined(member), member.Id.ToString());
                    people.Add(new Person(member.Id, name, email, member.Subject, member.DepartmentId, member.LocationId));
                    _events += 2;
                }

                return await db.SaveChangesAsync(token);
            }, ct);
        }

        return people;
    }

    private async Task<PolicyState> PublishAndAssignAsync(int index, DateTimeOffset at, List<Person> people, List<(long Ticks, int Policy, int Person)> acknowledgements, CancellationToken ct)
    {
        // The demo people come first in the list: the policy manager among them owns every policy.
        var owner = people[Math.Max(0, DemoPeople.All.ToList().FindIndex(p => p.Role == nameof(TenantRoles.PolicyManager)))].Id;
        var title = $"{Topics[index % Topics.Length]} {index + 1:D3}";
        var policy = new Policy { Title = title, Category = "Generated", OwnerId = owner, CreatedAt = at.UtcDateTime, NextReviewAt = at.UtcDateTime.AddMonths(12) };
        PolicyVersion? current = null;
        await using (var db = NewContext())
        {
            await db.InTransactionAsync(async token =>
            {
                _clock.Now = at;
                db.Policies.Add(policy);
                db.Audit(AuditEvents.PolicyCreated(policy, templateKey: null, "en"), owner.ToString());
                for (var number = 1; number <= scale.VersionsPerPolicy; number++)
                {
                    var published = at + TimeSpan.FromHours(2 * number);
                    var markdown = $"# {title}\n\nVersion {number}.\n\n{Body}";
                    current?.Status = PolicyVersionStatus.Superseded;
                    current = new PolicyVersion
                    {
                        PolicyId = policy.Id, Number = number, Status = PolicyVersionStatus.Published, Markdown = markdown, Html = PolicyMarkdown.ToSafeHtml(markdown),
                        ContentHash = ContentHash.Compute(markdown), IsMaterialChange = true, AuthorId = owner, ApproverId = owner, PublisherId = owner,
                        CreatedAt = published.UtcDateTime, SubmittedAt = published.UtcDateTime, ApprovedAt = published.UtcDateTime, PublishedAt = published.UtcDateTime,
                    };
                    db.PolicyVersions.Add(current);
                    db.Audit(AuditEvents.PolicyVersionPublished(current, translations: []), owner.ToString());
                }

                _events += 1 + scale.VersionsPerPolicy;
                return await db.SaveChangesAsync(token);
            }, ct);
        }

        // Everyone is asked; whoever will acknowledge gets their request in its final state (the acknowledgement row follows in time order).
        var assigned = at + TimeSpan.FromHours(scale.VersionsPerPolicy * 2 + 1);
        var assignment = new Assignment
        {
            PolicyId = policy.Id, PolicyVersionId = current!.Id, Everyone = true, DueAt = assigned.UtcDateTime.AddDays(30), Status = AssignmentStatus.Active,
            CreatedAt = assigned.UtcDateTime, CreatedBy = owner,
        };
        var state = new PolicyState(policy.Id, current.Id, current.Number, current.ContentHash!, title, new Guid[people.Count], new Guid[people.Count]);
        var acknowledgedAt = acknowledgements.Where(a => a.Policy == index).ToDictionary(a => a.Person, a => new DateTime(a.Ticks, DateTimeKind.Utc));
        for (var first = 0; first < people.Count; first += scale.BatchSize)
        {
            await using var db = NewContext();
            var batchStart = first;
            var batch = new List<AcknowledgementRequest>(scale.BatchSize);
            await db.InTransactionAsync(async token =>
            {
                _clock.Now = assigned;
                if (batchStart == 0)
                {
                    db.Assignments.Add(assignment);
                    db.Audit(AuditEvents.AssignmentCreated(assignment), owner.ToString());
                    _events++;
                    await db.SaveChangesAsync(token);
                }

                for (var i = batchStart; i < Math.Min(people.Count, batchStart + scale.BatchSize); i++)
                {
                    var request = new AcknowledgementRequest
                    {
                        AssignmentId = assignment.Id, PolicyVersionId = current.Id, MembershipId = people[i].Id, DepartmentId = people[i].DepartmentId, LocationId = people[i].LocationId, DueAt = assignment.DueAt, CreatedAt = assigned.UtcDateTime,
                        Status = RequestStatus.Open, NextReminderAt = assignment.DueAt.AddDays(-7),
                    };
                    if (acknowledgedAt.TryGetValue(i, out var when))
                    {
                        request.Status = RequestStatus.Acknowledged;
                        request.AcknowledgedAt = when;
                        request.AcknowledgementId = Guid.CreateVersion7(new DateTimeOffset(when));
                        request.NextReminderAt = null;
                        state.Acknowledgements[i] = request.AcknowledgementId.Value;
                    }

                    state.Requests[i] = request.Id;
                    request.TenantId = _tenantId;
                    batch.Add(request);
                }

                await BulkInsert.InsertAsync(db, batch, token);

                if (batchStart + scale.BatchSize >= people.Count)
                {
                    db.Audit(AuditEvents.AssignmentSynchronised(assignment, created: people.Count, reopened: 0, withdrawn: 0, initial: true), owner.ToString());
                    _events++;
                }

                return await db.SaveChangesAsync(token);
            }, ct);
        }

        return state;
    }

    /// <summary>Writes the acknowledgements from <paramref name="from"/> up to (not including) the given time; returns where it stopped.</summary>
    private async Task<int> AcknowledgeAsync(List<(long Ticks, int Policy, int Person)> acknowledgements, int from, long untilTicks, PolicyState[] policies, List<Person> people, CancellationToken ct)
    {
        var next = from;
        while (next < acknowledgements.Count && acknowledgements[next].Ticks < untilTicks)
        {
            await using var db = NewContext();
            var stop = next;
            while (stop < acknowledgements.Count && stop - next < scale.BatchSize && acknowledgements[stop].Ticks < untilTicks)
            {
                stop++;
            }

            var first = next;
            var rows = new List<Acknowledgement>(EventsPerSave);
            await db.InTransactionAsync(async token =>
            {
                for (var k = first; k < stop; k++)
                {
                    var (ticks, p, i) = acknowledgements[k];
                    var policy = policies[p];
                    var person = people[i];
                    var when = new DateTime(ticks, DateTimeKind.Utc);
                    var requestId = policy.Requests[i];
                    var acknowledgement = new Acknowledgement
                    {
                        Id = policy.Acknowledgements[i],
                        RequestId = requestId, MembershipId = person.Id, PolicyId = policy.PolicyId, PolicyVersionId = policy.VersionId, VersionNumber = policy.Number,
                        ContentHash = policy.ContentHash, Statement = $"I have read and understood “{policy.Title}” (version {policy.Number}) and I will follow it.",
                        Language = "en", Method = AcknowledgementMethod.WebForm, AcknowledgedAt = when, Subject = person.Subject.Length > 0 ? person.Subject : "demo",
                        DisplayName = person.Name, Email = person.Email,
                        IpAddress = string.Create(CultureInfo.InvariantCulture, $"10.{i / 65536 % 256}.{i / 256 % 256}.{i % 256}"), UserAgent = "Mozilla/5.0 (X11; Linux x86_64) PolicyHubDataGenerator",
                    };
                    acknowledgement.TenantId = _tenantId;
                    rows.Add(acknowledgement);
                    db.Audit(AuditEvents.AcknowledgementRecorded(acknowledgement.Id, requestId, requestsAnswered: 1, policy.PolicyId, policy.VersionId, policy.Number,
                        policy.ContentHash, "en", AcknowledgementMethod.WebForm, typedName: false), person.Id.ToString());
                    _events++;
                    if ((k - first + 1) % EventsPerSave == 0 || k + 1 == stop)
                    {
                        // Each save chains its events at the time of the last of them.
                        await BulkInsert.InsertAsync(db, rows, token);
                        rows.Clear();
                        _clock.Now = new DateTimeOffset(when);
                        await db.SaveChangesAsync(token);
                    }
                }

                return stop - first;
            }, ct);
            next = stop;
        }

        return next;
    }

    private static readonly string[] FirstNames = ["Anna", "Ben", "Clara", "David", "Emma", "Felix", "Greta", "Hannes", "Ida", "Jonas", "Klara", "Lukas", "Mia", "Noah", "Olivia", "Paul"];
    private static readonly string[] LastNames = ["Bauer", "Becker", "Fischer", "Hoffmann", "Klein", "Koch", "Meyer", "Müller", "Neumann", "Richter", "Schmidt", "Schneider", "Schulz", "Wagner", "Weber", "Wolf"];
    private static readonly string[] Cities = ["Berlin", "Hamburg", "München", "Köln", "Wien", "Zürich"];
    private static readonly string[] Topics = ["Social media guidelines", "Code of conduct", "Data protection", "Information security", "Travel policy", "Anti-bribery", "Remote work", "Acceptable use"];

    private const string Body = "## Why\n\nWhat we publish speaks for the company.\n\n## Rules\n\n- Speak for yourself, not for the company.\n- Keep confidential information confidential.\n- Be respectful.\n";
}
