using System.Text.RegularExpressions;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using PolicyHub.Demo;
using PolicyHub.Testing;

namespace PolicyHub.EndToEnd;

public sealed class SignInJourneyTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    private LiveServers Servers => fixture.Servers;

    [SkippableFact]
    public async Task DemoPerson_SignsInSwitchesToGermanAndSignsOut()
    {
        var page = await fixture.NewPageAsync();

        await page.GotoAsync(Servers.WebUrl);
        await page.GetByRole(AriaRole.Main).GetByRole(AriaRole.Link, new() { Name = "Sign in" }).ClickAsync();
        await page.WaitForURLAsync(new Regex("/account/login"));
        await page.GetByLabel("Email").FillAsync($"employee@{DemoPeople.Domain}");
        await page.GetByLabel("Password").FillAsync(DemoPeople.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.WaitForURLAsync($"{Servers.WebUrl}/");
        await Assertions.Expect(page.Locator("#home-heading")).ToHaveTextAsync("Welcome, Emil Schmidt");
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotFolder, "home-en.png"), FullPage = true });

        await page.GetByRole(AriaRole.Button, new() { Name = "Deutsch" }).ClickAsync();
        await Assertions.Expect(page.Locator("#home-heading")).ToHaveTextAsync("Willkommen, Emil Schmidt");
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotFolder, "home-de.png"), FullPage = true });

        await page.GetByRole(AriaRole.Button, new() { Name = "Abmelden" }).ClickAsync();
        await page.WaitForURLAsync($"{Servers.WebUrl}/");
        await Assertions.Expect(page.GetByRole(AriaRole.Main).GetByRole(AriaRole.Link, new() { Name = "Anmelden" })).ToBeVisibleAsync();
        await page.GotoAsync($"{Servers.IdentityUrl}/manage");
        await page.WaitForURLAsync(new Regex("/account/login"));
    }

    [SkippableFact]
    public async Task SignIn_WrongPassword_ShowsTheMessageNextToTheForm()
    {
        var page = await fixture.NewPageAsync("de-DE");

        await page.GotoAsync($"{Servers.WebUrl}/account/signin");
        await page.GetByLabel("E-Mail").FillAsync($"hr@{DemoPeople.Domain}");
        await page.GetByLabel("Passwort").FillAsync("falsch");
        await page.GetByRole(AriaRole.Button, new() { Name = "Anmelden" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToHaveTextAsync("E-Mail-Adresse oder Passwort ist falsch. Nach 5 Fehlversuchen wird ein Konto für 15 Minuten gesperrt.");
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotFolder, "login-wrong-password-de.png") });
    }

    [SkippableFact]
    public async Task NewPerson_RegistersConfirmsEnablesTwoFactorAndSignsInWithACode()
    {
        var page = await fixture.NewPageAsync();
        var email = $"nina-{Guid.NewGuid():N}@example.test";
        const string password = "Nina-Secure-Pass-1";

        await page.GotoAsync($"{Servers.WebUrl}/account/signin");
        await page.GetByRole(AriaRole.Link, new() { Name = "Create an account" }).ClickAsync();
        await page.GetByLabel("Full name").FillAsync("Nina Neu");
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("Password", new() { Exact = true }).FillAsync(password);
        await page.GetByLabel("Confirm password").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Create account" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Check your email" })).ToBeVisibleAsync();

        // The embedded mailbox of the Development run.
        var row = await fixture.OpenMailboxRowAsync(page, email);
        await row.GetByRole(AriaRole.Link).ClickAsync();
        await page.Locator("a.mail-link").First.ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Confirm my email address" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Your email address is confirmed");

        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.WaitForURLAsync($"{Servers.WebUrl}/");
        await Assertions.Expect(page.Locator("#home-heading")).ToHaveTextAsync("Welcome, Nina Neu");

        await page.GetByRole(AriaRole.Link, new() { Name = "Password and two-factor authentication" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Set up two-factor authentication" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Img, new() { Name = "QR code for your authenticator app" })).ToBeVisibleAsync();
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotFolder, "two-factor-setup.png"), FullPage = true });
        var key = await page.Locator("#shared-key").TextContentAsync();
        await page.GetByLabel("Authentication code").FillAsync(Totp.Code(key!, DateTimeOffset.UtcNow));
        await page.GetByRole(AriaRole.Button, new() { Name = "Verify and turn on" }).ClickAsync();
        await Assertions.Expect(page.Locator("#recovery-codes li")).ToHaveCountAsync(10);

        await page.GotoAsync(Servers.WebUrl);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await page.WaitForURLAsync($"{Servers.WebUrl}/");

        await page.GetByRole(AriaRole.Main).GetByRole(AriaRole.Link, new() { Name = "Sign in" }).ClickAsync();
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.WaitForURLAsync(new Regex("/account/login-2fa"));
        // A code works once: the one that turned two-factor on is spent, so the app's next code signs in.
        await page.GetByLabel("Authentication code").FillAsync(Totp.Code(key!, DateTimeOffset.UtcNow.AddSeconds(30)));
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.WaitForURLAsync($"{Servers.WebUrl}/");
        await Assertions.Expect(page.Locator("#home-heading")).ToHaveTextAsync("Welcome, Nina Neu");

        // Turning two-factor off asks "is it you?": the password and a code (the app's code after the one just used).
        await page.GetByRole(AriaRole.Link, new() { Name = "Password and two-factor authentication" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Turn off" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Turn off two-factor authentication" })).ToBeVisibleAsync();
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotFolder, "two-factor-off-1366.png"), FullPage = true });
        await page.SetViewportSizeAsync(390, 844);
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotFolder, "two-factor-off-390.png"), FullPage = true });
        await page.SetViewportSizeAsync(1366, 900);
        await page.GetByLabel("Current password").FillAsync(password);
        await page.GetByLabel("Code from your app or a recovery code").FillAsync(Totp.Code(key!, DateTimeOffset.UtcNow.AddSeconds(60)));
        await page.GetByRole(AriaRole.Button, new() { Name = "Turn off" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Two-factor authentication is off.");
    }

    [SkippableTheory]
    [InlineData("web", "/")]
    [InlineData("identity", "/account/login")]
    [InlineData("identity", "/account/register")]
    public async Task Pages_Accessibility_HaveNoSeriousAxeViolations(string service, string path)
    {
        await fixture.CloseContextsAsync();
        var page = await fixture.NewPageAsync();
        await page.GotoAsync((service == "web" ? Servers.WebUrl : Servers.IdentityUrl) + path);

        var result = await page.RunAxe();

        var serious = result.Violations.Where(v => v.Impact is "serious" or "critical").ToList();
        Assert.True(serious.Count == 0, string.Join('\n', serious.Select(v => $"{v.Id}: {v.Help} ({v.Nodes.Length} nodes)")));
    }
}
