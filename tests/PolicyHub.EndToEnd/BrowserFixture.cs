using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using PolicyHub.Testing;

namespace PolicyHub.EndToEnd;

/// <summary>
/// Both services and one Chromium for a test class. Without Chromium a local run skips loudly;
/// in CI (CI=true) a missing Chromium fails the run.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private IPlaywright? _playwright;
    private readonly List<IBrowserContext> _contexts = [];

    public LiveServers Servers { get; private set; } = null!;
    public IBrowser? Browser { get; private set; }
    public string? MissingReason { get; private set; }

    public static string ScreenshotFolder { get; } = Path.Combine(AppContext.BaseDirectory, "screenshots");

    public async Task InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            MissingReason = $"BROWSER TESTS SKIPPED: no Chromium at {ChromiumPath}. Install it with `apt-get install -y chromium` (CI does).";
            if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
            {
                throw new InvalidOperationException(MissingReason + " In CI this is an error.");
            }

            await Console.Error.WriteLineAsync(MissingReason);
            return;
        }

        Servers = LiveServers.Start(o =>
        {
            o.SeedDemoAccounts = true;
            // The embedded default: emails land in the pickup folder and the Development mailbox page shows them.
            o.Identity["Email:Delivery"] = "Pickup";
            o.Web["Email:Delivery"] = "Pickup";
        });
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
        Directory.CreateDirectory(ScreenshotFolder);
    }

    public async Task<IPage> NewPageAsync(string locale = "en-US")
    {
        Skip.If(Browser is null, MissingReason);
        var context = await Browser!.NewContextAsync(new BrowserNewContextOptions { Locale = locale, ViewportSize = new ViewportSize { Width = 1280, Height = 900 } });
        _contexts.Add(context);
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(30_000);
        return page;
    }

    /// <summary>A new page signed in to the Web app as a demo person (the local part of their email), on the start page.</summary>
    public async Task<IPage> SignedInAsync(string person)
    {
        var page = await NewPageAsync();
        await page.GotoAsync($"{Servers.WebUrl}/account/signin");
        await page.GetByLabel("Email").FillAsync($"{person}@{PolicyHub.Demo.DemoPeople.Domain}");
        await page.GetByLabel("Password").FillAsync(PolicyHub.Demo.DemoPeople.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.WaitForURLAsync($"{Servers.WebUrl}/");
        await JoinInvitationsAsync(page, Servers.WebUrl);
        return page;
    }

    /// <summary>
    /// On the start page: the first time, a demo person is invited to Demo GmbH and chooses Join (signing in alone binds
    /// nothing); the page ends on the start page again. Any language (the form, not the button's text, is looked for).
    /// </summary>
    public static async Task JoinInvitationsAsync(IPage page, string webUrl)
    {
        var join = page.Locator("#invitations form[action$='/join'] button");
        while (await join.CountAsync() > 0)
        {
            await join.First.ClickAsync();
            await page.WaitForURLAsync(new System.Text.RegularExpressions.Regex("/o/"));
            await page.GotoAsync($"{webUrl}/");
        }
    }

    /// <summary>HR writes a short English policy, the approver approves it, HR publishes it; HR's page ends on the policy.</summary>
    public async Task PublishPolicyAsync(IPage hr, IPage approver, string title, string text)
    {
        await hr.GotoAsync($"{Servers.WebUrl}/o/demo/policies/new/blank/en");
        await hr.GetByLabel("Title").FillAsync(title);
        await hr.GetByRole(AriaRole.Button, new() { Name = "Create draft" }).ClickAsync();
        await hr.WaitForURLAsync(new System.Text.RegularExpressions.Regex("/versions/1/edit$"));
        await hr.GetByLabel("Text (Markdown)").FillAsync(text);
        await hr.GetByRole(AriaRole.Button, new() { Name = "Save draft" }).ClickAsync();
        await hr.GetByRole(AriaRole.Button, new() { Name = "Submit for review" }).ClickAsync();
        var policyUrl = hr.Url;
        await approver.GotoAsync(policyUrl);
        await approver.GetByRole(AriaRole.Button, new() { Name = "Approve" }).ClickAsync();
        await hr.GotoAsync(policyUrl);
        await hr.GetByRole(AriaRole.Link, new() { Name = "Publish…" }).ClickAsync();
        await hr.GetByRole(AriaRole.Button, new() { Name = "Publish version 1" }).ClickAsync();
        await Assertions.Expect(hr.GetByRole(AriaRole.Status)).ToContainTextAsync("Version 1 is published.");
    }

    /// <summary>axe-core finds no serious or critical violation on the page as it is now.</summary>
    public static async Task AssertAccessibleAsync(IPage page)
    {
        var result = await page.RunAxe();
        var serious = result.Violations.Where(v => v.Impact is "serious" or "critical").ToList();
        Assert.True(serious.Count == 0, string.Join('\n', serious.Select(v => $"{page.Url} {v.Id}: {v.Help} ({string.Join(", ", v.Nodes.Select(n => n.Html))})")));
    }

    /// <summary>The outbox writes the email a moment after the commit; reload the mailbox like a person would.</summary>
    public async Task<ILocator> OpenMailboxRowAsync(IPage page, string email, string? subject = null)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (true)
        {
            await page.GotoAsync($"{Servers.IdentityUrl}/dev/mail");
            var row = page.GetByRole(AriaRole.Row).Filter(new() { HasText = email });
            if (subject is not null)
            {
                row = row.Filter(new() { HasText = subject });
            }

            if (await row.CountAsync() > 0 || DateTime.UtcNow > deadline)
            {
                return row;
            }

            await Task.Delay(250);
        }
    }

    /// <summary>Closes every context a test class opened (called between tests that do not need their pages any more).</summary>
    public async Task CloseContextsAsync()
    {
        foreach (var context in _contexts)
        {
            await context.CloseAsync();
        }

        _contexts.Clear();
    }

    public async Task DisposeAsync()
    {
        await CloseContextsAsync();
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        _playwright?.Dispose();
        if (Servers is not null)
        {
            await Servers.DisposeAsync();
        }
    }
}
