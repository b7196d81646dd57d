using System.Text.RegularExpressions;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using PolicyHub.Demo;
using PolicyHub.Testing;

namespace PolicyHub.EndToEnd;

public sealed class OrganisationJourneyTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    private LiveServers Servers => fixture.Servers;

    [SkippableFact]
    public async Task Administrator_CreatesOrganisationInvitesAPersonWhoJoinsAndGetsThePolicyManagerRole()
    {
        var admin = await fixture.NewPageAsync();
        var slug = $"acme-{Guid.NewGuid():N}"[..13];
        var email = $"paula-{Guid.NewGuid():N}@example.test";
        const string password = "Paula-Secure-Pass-1";

        // The administrator signs in and creates the organisation.
        await admin.GotoAsync($"{Servers.WebUrl}/account/signin");
        await admin.GetByLabel("Email").FillAsync($"compliance@{DemoPeople.Domain}");
        await admin.GetByLabel("Password").FillAsync(DemoPeople.Password);
        await admin.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await admin.WaitForURLAsync($"{Servers.WebUrl}/");
        await admin.GetByRole(AriaRole.Link, new() { Name = "Create an organisation" }).ClickAsync();
        await admin.GetByLabel("Name", new() { Exact = true }).FillAsync("Acme Test GmbH");
        await admin.GetByLabel("Short name for web addresses").FillAsync(slug);
        await admin.GetByRole(AriaRole.Button, new() { Name = "Create organisation" }).ClickAsync();
        await admin.WaitForURLAsync($"{Servers.WebUrl}/o/{slug}");
        await Assertions.Expect(admin.GetByRole(AriaRole.Status)).ToContainTextAsync("Acme Test GmbH is ready");

        // … and invites a person.
        await admin.GetByRole(AriaRole.Main).GetByRole(AriaRole.Link, new() { Name = "Invite people", Exact = true }).ClickAsync();
        await admin.GetByLabel("Email", new() { Exact = true }).FillAsync(email);
        await admin.GetByLabel("Name", new() { Exact = true }).FillAsync("Paula Person");
        await admin.GetByRole(AriaRole.Button, new() { Name = "Send invitation" }).ClickAsync();
        await Assertions.Expect(admin.GetByRole(AriaRole.Status)).ToContainTextAsync($"{email} has been invited by email.");
        await admin.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotFolder, "members-after-invite.png"), FullPage = true });

        // The person opens the invitation, creates an account, confirms it and lands in the organisation.
        var person = await fixture.NewPageAsync();
        var invitation = await fixture.OpenMailboxRowAsync(person, email);
        await invitation.GetByRole(AriaRole.Link).ClickAsync();
        await person.Locator("a.mail-link").First.ClickAsync();
        await person.WaitForURLAsync(new Regex("/account/login"));
        await person.GetByRole(AriaRole.Link, new() { Name = "Create an account" }).ClickAsync();
        await person.GetByLabel("Full name").FillAsync("Paula Person");
        await person.GetByLabel("Email").FillAsync(email);
        await person.GetByLabel("Password", new() { Exact = true }).FillAsync(password);
        await person.GetByLabel("Confirm password").FillAsync(password);
        await person.GetByRole(AriaRole.Button, new() { Name = "Create account" }).ClickAsync();
        var confirmation = await fixture.OpenMailboxRowAsync(person, email, "Confirm your email address");
        await confirmation.GetByRole(AriaRole.Link).ClickAsync();
        await person.Locator("a.mail-link").First.ClickAsync();
        await person.GetByRole(AriaRole.Button, new() { Name = "Confirm my email address" }).ClickAsync();
        await person.GetByLabel("Email").FillAsync(email);
        await person.GetByLabel("Password").FillAsync(password);
        await person.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();

        // Signing in binds nothing: the invitation asks first, naming the organisation and who invites.
        await person.WaitForURLAsync(new Regex("/invitations"));
        var card = person.Locator("article.invitation");
        await Assertions.Expect(card.GetByRole(AriaRole.Heading)).ToHaveTextAsync("You are invited to join Acme Test GmbH by Clara Vogel");
        await BrowserFixture.AssertAccessibleAsync(person);
        await person.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotFolder, "invitation-1366.png"), FullPage = true });
        await person.SetViewportSizeAsync(390, 844);
        await person.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotFolder, "invitation-390.png"), FullPage = true });
        await person.SetViewportSizeAsync(1366, 900);
        await card.GetByRole(AriaRole.Button, new() { Name = "Join" }).ClickAsync();
        await person.WaitForURLAsync($"{Servers.WebUrl}/o/{slug}");
        await Assertions.Expect(person.GetByRole(AriaRole.Status)).ToContainTextAsync("Welcome to Acme Test GmbH! You are now a member.");
        await Assertions.Expect(person.Locator("#you-heading + p")).ToContainTextAsync("Employee");

        // The administrator makes them policy manager.
        await admin.GotoAsync($"{Servers.WebUrl}/o/{slug}/members");
        await Assertions.Expect(admin.GetByRole(AriaRole.Row).Filter(new() { HasText = email })).ToContainTextAsync("Active");
        await admin.GetByRole(AriaRole.Link, new() { Name = "Paula Person" }).ClickAsync();
        await admin.GetByLabel("Policy manager").CheckAsync();
        await admin.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Assertions.Expect(admin.GetByRole(AriaRole.Status)).ToContainTextAsync("The changes for Paula Person have been saved.");
        await Assertions.Expect(admin.GetByRole(AriaRole.Row).Filter(new() { HasText = email })).ToContainTextAsync("Policy manager");
        await admin.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotFolder, "members-policy-manager.png"), FullPage = true });

        await person.ReloadAsync();
        await Assertions.Expect(person.Locator("#you-heading + p")).ToContainTextAsync("Policy manager");
        await person.GotoAsync($"{Servers.WebUrl}/o/{slug}/members");
        await Assertions.Expect(person.GetByRole(AriaRole.Table)).ToContainTextAsync("Paula Person");
    }

    [SkippableTheory]
    [InlineData("/o/demo")]
    [InlineData("/o/demo/members")]
    [InlineData("/o/demo/members/invite")]
    [InlineData("/o/demo/members/import")]
    [InlineData("/o/demo/departments")]
    [InlineData("/organisations/new")]
    public async Task AdminPages_Accessibility_HaveNoSeriousAxeViolations(string path)
    {
        await fixture.CloseContextsAsync();
        var page = await fixture.NewPageAsync("de-DE");
        await page.GotoAsync($"{Servers.WebUrl}/account/signin");
        await page.GetByLabel("E-Mail").FillAsync($"admin@{DemoPeople.Domain}");
        await page.GetByLabel("Passwort").FillAsync(DemoPeople.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Anmelden" }).ClickAsync();
        await page.WaitForURLAsync($"{Servers.WebUrl}/");
        await BrowserFixture.JoinInvitationsAsync(page, Servers.WebUrl);
        await page.GotoAsync(Servers.WebUrl + path);

        await BrowserFixture.AssertAccessibleAsync(page);
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotFolder, $"de{path.Replace('/', '-')}.png"), FullPage = true });
    }
}
