using MimeKit;

namespace PolicyHub.IntegrationTests.Resilience;

/// <summary>
/// Two Web instances on one database, both running the reminder scheduler every second and both dispatching the
/// outbox: each person hears about their open requests once a day, and no email leaves twice.
/// </summary>
public sealed class TwoWebInstancesTests
{
    [Fact]
    public async Task TwoInstances_SameDatabase_SendEachReminderAndEachOutboxEmailOnce()
    {
        var everySecond = new Dictionary<string, string?> { ["Reminders:Interval"] = "00:00:01", ["Email:Outbox:PollInterval"] = "00:00:01" };
        await using var servers = LiveServers.Start(o =>
        {
            o.SeedDemoAccounts = true;
            foreach (var (key, value) in everySecond)
            {
                o.Web[key] = value;
            }
        });
        await using var second = servers.StartAnotherWebInstance(everySecond);
        Assert.Equal(System.Net.HttpStatusCode.OK, (await second.CreateClient().GetAsync("/health/live")).StatusCode);

        // Eight people, each with two new requests: both instances' next rounds find all of them due.
        using var load = await AcknowledgementLoad.PrepareAsync(servers, people: 8, policies: 2);
        var people = load.People.Select(p => p.Email).ToList();
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (people.Any(p => Reminders(servers, p).Count == 0) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(250);
        }

        // Several more rounds of both instances (and outbox polls) to give a duplicate every chance to appear.
        await Task.Delay(TimeSpan.FromSeconds(5));

        Assert.All(people, p => Assert.Single(Reminders(servers, p)));
        var received = Received(servers);
        var messageIds = received.Select(m => m.MessageId).ToList();
        Assert.Equal(messageIds.Count, messageIds.Distinct().Count());
        var sent = await servers.InTenantAsync(DemoOrganisation.Slug, db => db.OutboxMessages.Where(m => m.SentAt != null).Select(m => m.Id).ToListAsync());
        Assert.NotEmpty(sent);
        Assert.All(sent, id => Assert.Single(messageIds, m => m == $"outbox-{id}@policyhub"));
        var digests = await servers.InTenantAsync(DemoOrganisation.Slug, db => db.ReminderDigests.AsNoTracking().Select(d => new { d.Recipient, d.Day, d.Kind }).ToListAsync());
        Assert.Equal(digests.Count, digests.Distinct().Count());
    }

    private static List<MimeMessage> Received(LiveServers servers)
        => servers.ReceivedEmails().ToList();

    /// <summary>Reminder emails to one person (Demo GmbH writes in German).</summary>
    private static List<MimeMessage> Reminders(LiveServers servers, string email)
        => Received(servers)
            .Where(m => m.To.Mailboxes.Any(b => string.Equals(b.Address, email, StringComparison.OrdinalIgnoreCase)))
            .Where(m => (m.Subject ?? string.Empty).Contains("Richtlinien zu bestätigen", StringComparison.Ordinal))
            .ToList();
}
