using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using MimeKit;
using netDumbster.smtp;
using PolicyHub.Core.Email;
using PolicyHub.Data.Database;
using PolicyHub.Data.Identity;
using PolicyHub.Data.Web;
using PolicyHub.ServiceDefaults.Email;

namespace PolicyHub.IntegrationTests;

/// <summary>Emails go through the outbox: written with the change, sent by a worker, retried, never twice.</summary>
public sealed class OutboxTests
{
    [Fact]
    public async Task Outbox_SmtpServerDownAtFirst_RetriesAndDeliversWhenItReturns()
    {
        var smtpPort = FreePort.Next();
        await using var servers = LiveServers.Start(o => o.Identity["Email:Smtp:Port"] = smtpPort.ToString(System.Globalization.CultureInfo.InvariantCulture));
        using var browser = LiveServers.NewBrowser();
        var email = $"retry-{Guid.NewGuid():N}@example.test";
        var register = await browser.GetAsync($"{servers.IdentityUrl}/account/register");
        await browser.SubmitAsync(register, "main form", new()
        {
            ["DisplayName"] = "Rolf Retry", ["Email"] = email, ["Password"] = "Correct-Horse-9", ["ConfirmPassword"] = "Correct-Horse-9",
        });

        var failed = await WaitForAsync(servers, email, m => m.Attempts >= 1 && m.LastError != null);
        Assert.Null(failed.SentAt);

        using var smtp = SimpleSmtpServer.Start(smtpPort);
        var delivered = await WaitForAsync(servers, email, m => m.SentAt != null);
        Assert.True(delivered.Attempts >= 2);
        var message = MimeMessage.Load(new MemoryStream(Encoding.UTF8.GetBytes(Assert.Single(smtp.ReceivedEmail).Data)));
        Assert.Equal("Confirm your email address for PolicyHub", message.Subject);
        Assert.Equal($"outbox-{delivered.Id}@policyhub", message.MessageId);
    }

    [Fact]
    public async Task Outbox_TwoInstancesDispatchingAtOnce_SendEachMessageOnce()
    {
        var folder = Path.Combine(Path.GetTempPath(), "policyhub-tests", Guid.NewGuid().ToString("N"));
        var services = new ServiceCollection()
            .AddDbContext<PolicyHubDbContext>(o => o.UsePolicyHubProvider(DatabaseProvider.Sqlite,
                DatabaseProviderSelection.ResolveConnectionString(new DatabaseOptions(), null, "outbox.db", folder)))
            .BuildServiceProvider();
        await using (var scope = services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<PolicyHubDbContext>();
            await db.Database.MigrateAsync();
            for (var i = 0; i < 60; i++)
            {
                db.EnqueueEmail(new EmailMessage($"person{i}@example.test", $"Message {i}", "Hello"), TimeProvider.System);
            }

            await db.SaveChangesAsync();
        }

        using var smtp = SimpleSmtpServer.Start(FreePort.Next());
        var options = Options.Create(new EmailOptions
        {
            Delivery = EmailDelivery.Smtp,
            Smtp = new SmtpSettings { Host = "127.0.0.1", Port = smtp.Configuration.Port, Security = SmtpSecurity.None },
            Outbox = new OutboxSettings { BatchSize = 100 },
        });
        var scopes = new ServiceCollection()
            .AddDbContext<PolicyHubDbContext>(o => o.UsePolicyHubProvider(DatabaseProvider.Sqlite,
                DatabaseProviderSelection.ResolveConnectionString(new DatabaseOptions(), null, "outbox.db", folder)))
            .AddSingleton<IEmailSender>(new SmtpEmailSender(options))
            .BuildServiceProvider().GetRequiredService<IServiceScopeFactory>();
        using var signal = new OutboxSignal();
        using var first = new OutboxDispatcher<PolicyHubDbContext>(scopes, signal, options, TimeProvider.System, NullLogger<OutboxDispatcher<PolicyHubDbContext>>.Instance);
        using var second = new OutboxDispatcher<PolicyHubDbContext>(scopes, signal, options, TimeProvider.System, NullLogger<OutboxDispatcher<PolicyHubDbContext>>.Instance);

        var sent = await Task.WhenAll(first.DispatchDueAsync(default), second.DispatchDueAsync(default), first.DispatchDueAsync(default));

        Assert.Equal(60, sent.Sum());
        var messageIds = smtp.ReceivedEmail
            .Select(m => MimeMessage.Load(new MemoryStream(Encoding.UTF8.GetBytes(m.Data))).MessageId)
            .ToList();
        Assert.Equal(60, messageIds.Count);
        Assert.Equal(60, messageIds.Distinct().Count());
        await using var check = services.CreateAsyncScope();
        Assert.Equal(60, await check.ServiceProvider.GetRequiredService<PolicyHubDbContext>().OutboxMessages.CountAsync(m => m.SentAt != null));
    }

    [Fact]
    public async Task DevMailbox_PickupDelivery_ListsTheMessageWithItsLink()
    {
        await using var servers = LiveServers.Start(o => o.Identity["Email:Delivery"] = "Pickup");
        using var browser = LiveServers.NewBrowser();
        var email = $"pickup-{Guid.NewGuid():N}@example.test";
        var register = await browser.GetAsync($"{servers.IdentityUrl}/account/register");
        await browser.SubmitAsync(register, "main form", new()
        {
            ["DisplayName"] = "Paula Pickup", ["Email"] = email, ["Password"] = "Correct-Horse-9", ["ConfirmPassword"] = "Correct-Horse-9",
        });

        TestPage mailbox;
        var deadline = DateTime.UtcNow.AddSeconds(15);
        do
        {
            mailbox = await browser.GetAsync($"{servers.IdentityUrl}/dev/mail");
        }
        while (!mailbox.Text.Contains(email, StringComparison.Ordinal) && DateTime.UtcNow < deadline && await Delay());

        var entry = mailbox.Document.QuerySelectorAll("tr").First(r => r.TextContent.Contains(email, StringComparison.Ordinal));
        var message = await browser.GetAsync(new Uri(new Uri(mailbox.Url), entry.QuerySelector("a")!.GetAttribute("href")!).ToString());
        Assert.Contains("/account/confirm-email", message.Find("a.mail-link")!.GetAttribute("href"), StringComparison.Ordinal);
        Assert.Empty(servers.ReceivedEmails());
    }

    private static async Task<bool> Delay()
    {
        await Task.Delay(200);
        return true;
    }

    private static async Task<OutboxMessage> WaitForAsync(LiveServers servers, string to, Func<OutboxMessage, bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            await using var scope = servers.Identity.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<AuthDbContext>();
            var message = await db.OutboxMessages.AsNoTracking().SingleOrDefaultAsync(m => m.To == to);
            if (message is not null && condition(message))
            {
                return message;
            }

            await Task.Delay(200);
        }

        throw new TimeoutException($"The outbox message to {to} did not reach the expected state.");
    }
}
