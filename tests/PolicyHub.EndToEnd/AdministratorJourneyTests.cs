using Microsoft.Playwright;
using PolicyHub.Testing;

namespace PolicyHub.EndToEnd;

/// <summary>An administrator allows an archive to use the API, and erases a former member's personal data.</summary>
public sealed class AdministratorJourneyTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    private LiveServers Servers => fixture.Servers;

    [SkippableFact]
    public async Task Administrator_AllowsAnApiClient_AndErasesAFormerMember()
    {
        var admin = await fixture.SignedInAsync("admin");

        // API access: allow the archive, see it listed with how to use it.
        await admin.GotoAsync($"{Servers.WebUrl}/o/demo");
        await admin.GetByRole(AriaRole.Link, new() { Name = "API access" }).ClickAsync();
        await admin.GetByLabel("Client id").FillAsync(LiveServers.MachineClientId);
        await admin.GetByLabel("Name", new() { Exact = true }).FillAsync("Audit archive");
        await admin.GetByRole(AriaRole.Button, new() { Name = "Allow", Exact = true }).ClickAsync();
        await Assertions.Expect(admin.GetByRole(AriaRole.Status)).ToContainTextAsync("Audit archive can now use the API of this organisation.");
        await Assertions.Expect(admin.Locator("#client-table")).ToContainTextAsync(LiveServers.MachineClientId);
        await BrowserFixture.AssertAccessibleAsync(admin);
        await admin.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotFolder, "api-access.png"), FullPage = true });

        // Ben has left: deactivate, then erase his personal data.
        await admin.GotoAsync($"{Servers.WebUrl}/o/demo/members?q=Ben");
        await admin.GetByRole(AriaRole.Link, new() { Name = "Ben Schwarz" }).ClickAsync();
        await admin.GetByRole(AriaRole.Button, new() { Name = "Deactivate" }).ClickAsync();
        await admin.GotoAsync($"{Servers.WebUrl}/o/demo/members?q=Ben");
        await admin.GetByRole(AriaRole.Link, new() { Name = "Ben Schwarz" }).ClickAsync();
        await admin.GetByRole(AriaRole.Link, new() { Name = "Erase personal data…" }).ClickAsync();
        await Assertions.Expect(admin.Locator("main")).ToContainTextAsync("What is kept, and why");
        await BrowserFixture.AssertAccessibleAsync(admin);
        await admin.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotFolder, "erase-member.png"), FullPage = true });
        await admin.GetByRole(AriaRole.Button, new() { Name = "Erase personal data" }).ClickAsync();
        await Assertions.Expect(admin.Locator(".field-validation-error")).ToContainTextAsync("Confirm that this person's personal data should be erased.");
        await admin.GetByLabel("I understand that Ben Schwarz's name and email address will be erased for good.").CheckAsync();
        await admin.GetByRole(AriaRole.Button, new() { Name = "Erase personal data" }).ClickAsync();
        await Assertions.Expect(admin.GetByRole(AriaRole.Status).First).ToContainTextAsync("The personal data has been erased.");
        await Assertions.Expect(admin.Locator("#erased-note")).ToBeVisibleAsync();
        await Assertions.Expect(admin.Locator("main")).Not.ToContainTextAsync("ben.schwarz");
        await admin.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotFolder, "erased-member.png"), FullPage = true });
    }
}
