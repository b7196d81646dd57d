using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using PolicyHub.Data.Identity;

namespace PolicyHub.IntegrationTests;

/// <summary>Accounts at the auth service, driven through its pages with real SMTP and SQLite.</summary>
public sealed class AccountJourneyTests(LiveServersFixture fixture) : IClassFixture<LiveServersFixture>
{
    private LiveServers Servers => fixture.Servers;

    [Fact]
    public async Task Register_ConfirmFromEmailThenSignIn_LandsOnWebHome()
    {
        using var browser = LiveServers.NewBrowser();
        var email = NewEmail();
        var login = await browser.GetAsync($"{Servers.WebUrl}/account/signin");
        var registerHref = login.Find("a[href*='/account/register']")!.GetAttribute("href")!;
        var register = await browser.GetAsync(new Uri(new Uri(login.Url), registerHref).ToString());

        var afterRegister = await browser.SubmitAsync(register, "main form", new()
        {
            ["DisplayName"] = "Rita Register",
            ["Email"] = email,
            ["Password"] = "Correct-Horse-9",
            ["ConfirmPassword"] = "Correct-Horse-9",
        });
        Assert.Contains("Check your email", afterRegister.Text, StringComparison.Ordinal);

        var confirmLink = FirstLink(await Servers.WaitForEmailAsync(email));
        var confirmPage = await browser.GetAsync(confirmLink);
        var signInPage = await browser.SubmitAsync(confirmPage, "main form", []);
        Assert.Contains("your email address is confirmed", signInPage.Text, StringComparison.OrdinalIgnoreCase);

        var home = await browser.SubmitAsync(signInPage, "form[action^='/account/login']", new() { ["Email"] = email, ["Password"] = "Correct-Horse-9" });

        Assert.StartsWith(Servers.WebUrl, home.Url, StringComparison.Ordinal);
        Assert.Equal("Welcome, Rita Register", home.Find("#home-heading")?.TextContent.Trim());
    }

    [Fact]
    public async Task Register_BadInput_ShowsEveryMessageAndWritesNothing()
    {
        using var browser = LiveServers.NewBrowser();
        var (users, outbox) = await CountAccountsAndEmailsAsync();
        var page = await browser.GetAsync($"{Servers.IdentityUrl}/account/register");

        var result = await browser.SubmitAsync(page, "main form", new()
        {
            ["DisplayName"] = "",
            ["Email"] = "not-an-address",
            ["Password"] = "short",
            ["ConfirmPassword"] = "different",
        });

        Assert.Equal(HttpStatusCode.OK, result.Status);
        Assert.Contains("Enter your name.", result.ErrorMessages);
        Assert.Contains("Enter a valid email address.", result.ErrorMessages);
        Assert.Contains("The password must be at least 10 characters long.", result.ErrorMessages);
        Assert.Contains("The passwords do not match.", result.ErrorMessages);
        Assert.Equal((users, outbox), await CountAccountsAndEmailsAsync());
    }

    [Theory]
    [InlineData("Password123!")]   // meets every composition rule, and is on every breach list
    [InlineData("Sommer2026!!")]   // season and year
    [InlineData("Qwertz-123456")]  // keyboard walk and sequence
    [InlineData("Gerda-Guess-1")]  // the person's own name
    public async Task Register_GuessablePassword_IsRefusedWithAClearMessageAndWritesNothing(string password)
    {
        using var browser = LiveServers.NewBrowser();
        var (users, outbox) = await CountAccountsAndEmailsAsync();
        var page = await browser.GetAsync($"{Servers.IdentityUrl}/account/register");

        var result = await browser.SubmitAsync(page, "main form", new()
        {
            ["DisplayName"] = "Gerda Guess", ["Email"] = NewEmail(), ["Password"] = password, ["ConfirmPassword"] = password,
        });

        var passwordMessage = Assert.Single(result.Document.QuerySelectorAll("[data-valmsg-for='Password']")).TextContent;
        Assert.Contains("This password is too easy to guess", passwordMessage, StringComparison.Ordinal);
        Assert.Equal((users, outbox), await CountAccountsAndEmailsAsync());
    }

    [Fact]
    public async Task Register_PasswordOverTheMaximumLength_IsRefusedWithoutHashing()
    {
        using var browser = LiveServers.NewBrowser("de-DE");
        var (users, outbox) = await CountAccountsAndEmailsAsync();
        var password = string.Concat(Enumerable.Repeat("Lange-Leiter-", 20));

        var result = await browser.SubmitAsync(await browser.GetAsync($"{Servers.IdentityUrl}/account/register"), "main form", new()
        {
            ["DisplayName"] = "Lena Lang", ["Email"] = NewEmail(), ["Password"] = password, ["ConfirmPassword"] = password,
        });

        Assert.Contains("Das Passwort darf höchstens 128 Zeichen lang sein.", result.ErrorMessages);
        Assert.Equal((users, outbox), await CountAccountsAndEmailsAsync());
    }

    [Fact]
    public async Task Register_WeakPasswordInGerman_ExplainsTheRuleInGermanAndWritesNothing()
    {
        using var browser = LiveServers.NewBrowser("de-DE");
        var (users, outbox) = await CountAccountsAndEmailsAsync();
        var page = await browser.GetAsync($"{Servers.IdentityUrl}/account/register");

        var result = await browser.SubmitAsync(page, "main form", new()
        {
            ["DisplayName"] = "Greta Schwach",
            ["Email"] = NewEmail(),
            ["Password"] = "alllowercase1",
            ["ConfirmPassword"] = "alllowercase1",
        });

        var passwordMessage = Assert.Single(result.Document.QuerySelectorAll("[data-valmsg-for='Password']")).TextContent;
        Assert.Contains("Das Passwort muss einen Großbuchstaben enthalten.", passwordMessage, StringComparison.Ordinal);
        Assert.Contains("Das Passwort muss ein Zeichen enthalten, das weder Buchstabe noch Ziffer ist.", passwordMessage, StringComparison.Ordinal);
        Assert.Equal((users, outbox), await CountAccountsAndEmailsAsync());
    }

    [Fact]
    public async Task Register_AddressAlreadyTaken_AnswersTheSameAndTellsTheOwner()
    {
        using var browser = LiveServers.NewBrowser();
        var email = await fixture.CreateConfirmedAccountAsync("Olga Owner");
        var page = await browser.GetAsync($"{Servers.IdentityUrl}/account/register");

        var result = await browser.SubmitAsync(page, "main form", new()
        {
            ["DisplayName"] = "Someone Else",
            ["Email"] = email,
            ["Password"] = "Correct-Horse-9",
            ["ConfirmPassword"] = "Correct-Horse-9",
        });

        Assert.Contains("Check your email", result.Text, StringComparison.Ordinal);
        var notice = await Servers.WaitForEmailAsync(email, m => m.Subject == "Your PolicyHub account");
        Assert.Contains("an account already exists", notice.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SignIn_WrongPassword_ShowsClearMessage()
    {
        using var browser = LiveServers.NewBrowser();
        var email = await fixture.CreateConfirmedAccountAsync("Wanda Wrong");
        var page = await browser.GetAsync($"{Servers.IdentityUrl}/account/login");

        var result = await browser.SubmitAsync(page, "form[action^='/account/login']", new() { ["Email"] = email, ["Password"] = "Not-The-Password-1" });

        Assert.Contains("Invalid email or password. After 5 failed attempts an account is locked for 15 minutes.", result.ErrorMessages);
        Assert.EndsWith("/account/login", result.Url, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SignIn_UnknownAccount_ShowsTheSameMessageAsAWrongPassword()
    {
        using var browser = LiveServers.NewBrowser();
        var page = await browser.GetAsync($"{Servers.IdentityUrl}/account/login");

        var result = await browser.SubmitAsync(page, "form[action^='/account/login']", new() { ["Email"] = NewEmail(), ["Password"] = "Whatever-123" });

        Assert.Contains("Invalid email or password. After 5 failed attempts an account is locked for 15 minutes.", result.ErrorMessages);
    }

    [Fact]
    public async Task SignIn_EmptyFields_AsksForBoth()
    {
        using var browser = LiveServers.NewBrowser("de");
        var page = await browser.GetAsync($"{Servers.IdentityUrl}/account/login");

        var result = await browser.SubmitAsync(page, "form[action^='/account/login']", new() { ["Email"] = "", ["Password"] = "" });

        Assert.Contains("Bitte geben Sie Ihre E-Mail-Adresse ein.", result.ErrorMessages);
        Assert.Contains("Bitte geben Sie Ihr Passwort ein.", result.ErrorMessages);
    }

    [Fact]
    public async Task SignIn_FiveWrongPasswords_LocksTheAccountEvenForTheRightOne()
    {
        using var browser = LiveServers.NewBrowser();
        var email = await fixture.CreateConfirmedAccountAsync("Lars Locked");
        TestPage result = null!;
        for (var attempt = 0; attempt < 5; attempt++)
        {
            var page = await browser.GetAsync($"{Servers.IdentityUrl}/account/login");
            result = await browser.SubmitAsync(page, "form[action^='/account/login']", new() { ["Email"] = email, ["Password"] = $"Wrong-Password-{attempt}" });
        }

        // The answer does not say the account exists (an unknown address gets the same), only how lockout works.
        const string refused = "Invalid email or password. After 5 failed attempts an account is locked for 15 minutes.";
        Assert.Contains(refused, result.ErrorMessages);
        Assert.EndsWith("/account/login", result.Url, StringComparison.Ordinal);

        var again = await browser.GetAsync($"{Servers.IdentityUrl}/account/login");
        var withRightPassword = await browser.SubmitAsync(again, "form[action^='/account/login']", new() { ["Email"] = email, ["Password"] = LiveServersFixture.Password });
        Assert.Contains(refused, withRightPassword.ErrorMessages);
        Assert.EndsWith("/account/login", withRightPassword.Url, StringComparison.Ordinal);
        using var manage = await browser.Http.GetAsync($"{Servers.IdentityUrl}/manage");
        Assert.Equal(System.Net.HttpStatusCode.Redirect, manage.StatusCode); // not signed in
    }


    [Fact]
    public async Task SignIn_EmailNotConfirmed_AsksToConfirmFirst()
    {
        using var browser = LiveServers.NewBrowser();
        var email = NewEmail();
        var register = await browser.GetAsync($"{Servers.IdentityUrl}/account/register");
        await browser.SubmitAsync(register, "main form", new()
        {
            ["DisplayName"] = "Uwe Unconfirmed", ["Email"] = email, ["Password"] = "Correct-Horse-9", ["ConfirmPassword"] = "Correct-Horse-9",
        });
        var page = await browser.GetAsync($"{Servers.IdentityUrl}/account/login");

        var result = await browser.SubmitAsync(page, "form[action^='/account/login']", new() { ["Email"] = email, ["Password"] = "Correct-Horse-9" });

        Assert.Contains("Please confirm your email address first. We can send the link again.", result.ErrorMessages);
        Assert.NotNull(result.Find("a[href*='/account/resend-confirmation']"));
    }

    [Fact]
    public async Task ForgotPassword_LinkFromEmail_SetsANewPassword()
    {
        using var browser = LiveServers.NewBrowser();
        var email = await fixture.CreateConfirmedAccountAsync("Fritz Forgetful");
        var forgot = await browser.GetAsync($"{Servers.IdentityUrl}/account/forgot-password");
        var sent = await browser.SubmitAsync(forgot, "main form", new() { ["Email"] = email });
        Assert.Contains("If an account exists for this address", sent.Text, StringComparison.Ordinal);

        var reset = await browser.GetAsync(FirstLink(await Servers.WaitForEmailAsync(email, m => m.Subject == "Reset your PolicyHub password")));
        var mismatch = await browser.SubmitAsync(reset, "main form", new() { ["Password"] = "Brand-New-Pass-1", ["ConfirmPassword"] = "Brand-New-Pass-2" });
        Assert.Contains("The passwords do not match.", mismatch.ErrorMessages);
        var done = await browser.SubmitAsync(mismatch, "main form", new() { ["Password"] = "Brand-New-Pass-1", ["ConfirmPassword"] = "Brand-New-Pass-1" });
        Assert.Contains("Your password has been changed. Please sign in.", done.Text, StringComparison.Ordinal);

        var signedIn = await browser.SubmitAsync(done, "form[action^='/account/login']", new() { ["Email"] = email, ["Password"] = "Brand-New-Pass-1" });
        Assert.True(signedIn.Url.EndsWith("/manage", StringComparison.Ordinal), $"{signedIn.Status} {string.Join(" / ", signedIn.ErrorMessages)} {signedIn.Text[..Math.Min(300, signedIn.Text.Length)]}");
    }

    [Fact]
    public async Task ForgotPassword_UnknownAddress_AnswersTheSameAndSendsNothing()
    {
        using var browser = LiveServers.NewBrowser();
        var email = NewEmail();
        var forgot = await browser.GetAsync($"{Servers.IdentityUrl}/account/forgot-password");

        var sent = await browser.SubmitAsync(forgot, "main form", new() { ["Email"] = email });

        Assert.Contains("If an account exists for this address", sent.Text, StringComparison.Ordinal);
        await using var scope = Servers.Identity.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AuthDbContext>();
        Assert.False(await db.OutboxMessages.AnyAsync(m => m.To == email));
    }

    [Theory]
    [InlineData("/account/forgot-password")]
    [InlineData("/account/resend-confirmation")]
    public async Task EmailForms_ABadAddress_IsSummarisedAndTheFieldIsDescribedByItsSummaryLine(string path)
    {
        using var browser = LiveServers.NewBrowser();
        var form = await browser.GetAsync($"{Servers.IdentityUrl}{path}");

        var refused = await browser.SubmitAsync(form, "main form", new() { ["Email"] = "not an address" });

        var summary = refused.Find("#error-summary");
        Assert.NotNull(summary);
        var described = refused.Find("#Email")!.GetAttribute("aria-describedby")!;
        Assert.Equal("true", refused.Find("#Email")!.GetAttribute("aria-invalid"));
        Assert.All(described.Split(' ', StringSplitOptions.RemoveEmptyEntries), id => Assert.NotNull(refused.Document.GetElementById(id)));
        Assert.Contains(summary.QuerySelectorAll("div"), line => described.Contains(line.Id ?? "-", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ChangePassword_WrongCurrentPassword_SaysSoAndKeepsTheOldOne()
    {
        using var browser = LiveServers.NewBrowser();
        var email = await fixture.CreateConfirmedAccountAsync("Carl Change");
        await fixture.SignInAtIdentityAsync(browser, email);
        var page = await browser.GetAsync($"{Servers.IdentityUrl}/manage/change-password");

        var result = await browser.SubmitAsync(page, "form[action='/manage/change-password']", new()
        {
            ["CurrentPassword"] = "Not-Current-1", ["NewPassword"] = "Another-Pass-77", ["ConfirmPassword"] = "Another-Pass-77",
        });

        Assert.Contains("The password is not correct.", result.ErrorMessages);
        var changed = await browser.SubmitAsync(result, "form[action='/manage/change-password']", new()
        {
            ["CurrentPassword"] = LiveServersFixture.Password, ["NewPassword"] = "Another-Pass-77", ["ConfirmPassword"] = "Another-Pass-77",
        });
        Assert.Contains("Your password has been changed.", changed.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TwoFactor_EnabledWithAppCode_IsRequiredAtNextSignIn()
    {
        using var browser = LiveServers.NewBrowser();
        var email = await fixture.CreateConfirmedAccountAsync("Tanja Totp");
        await fixture.SignInAtIdentityAsync(browser, email);

        var setup = await browser.GetAsync($"{Servers.IdentityUrl}/manage/authenticator");
        Assert.StartsWith("data:image/png;base64,", setup.Find("img.qr-code")!.GetAttribute("src"), StringComparison.Ordinal);
        var key = setup.Find("#shared-key")!.TextContent;
        var wrong = await browser.SubmitAsync(setup, "form[action='/manage/authenticator']", new() { ["Code"] = "000000" == Totp.Code(key, DateTimeOffset.UtcNow) ? "111111" : "000000" });
        Assert.Contains("The code is not valid. Codes change every 30 seconds.", wrong.ErrorMessages);
        var turnedOn = Totp.Code(key, DateTimeOffset.UtcNow);
        var codes = await browser.SubmitAsync(wrong, "form[action='/manage/authenticator']", new() { ["Code"] = turnedOn });
        var recoveryCodes = codes.Document.QuerySelectorAll("#recovery-codes li").Select(li => li.TextContent.Trim()).ToList();
        Assert.Equal(10, recoveryCodes.Count);

        var manage = await browser.GetAsync($"{Servers.IdentityUrl}/manage");
        await browser.SubmitAsync(manage, "form[action='/account/logout']", []);
        var login = await browser.GetAsync($"{Servers.IdentityUrl}/account/login");
        var challenge = await browser.SubmitAsync(login, "form[action^='/account/login']", new() { ["Email"] = email, ["Password"] = LiveServersFixture.Password });
        Assert.Contains("/account/login-2fa", challenge.Url, StringComparison.Ordinal);

        // The code that turned two-factor on was used: the app's next code (within the accepted clock drift) signs in.
        // (The very code, not the current one: a 30-second step may have passed since.)
        var reused = await browser.SubmitAsync(challenge, "main form", new() { ["Code"] = turnedOn });
        Assert.Contains("The code is not valid. Codes change every 30 seconds.", reused.ErrorMessages);
        var next = Totp.Code(key, DateTimeOffset.UtcNow.AddSeconds(30));
        var signedIn = await browser.SubmitAsync(reused, "main form", new() { ["Code"] = next });
        Assert.EndsWith("/manage", signedIn.Url, StringComparison.Ordinal);
        Assert.Contains("You have 10 recovery codes left.", signedIn.Text, StringComparison.Ordinal);

        // The same code a second time, from another browser within its window: refused, no second session.
        using var replay = LiveServers.NewBrowser();
        var replayChallenge = await replay.SubmitAsync(await replay.GetAsync($"{Servers.IdentityUrl}/account/login"), "form[action^='/account/login']",
            new() { ["Email"] = email, ["Password"] = LiveServersFixture.Password });
        var replayed = await replay.SubmitAsync(replayChallenge, "main form", new() { ["Code"] = next });
        Assert.Contains("The code is not valid. Codes change every 30 seconds.", replayed.ErrorMessages);
        Assert.Contains("/account/login-2fa", replayed.Url, StringComparison.Ordinal);

        // A recovery code works once instead of the app.
        var again = await browser.GetAsync($"{Servers.IdentityUrl}/manage");
        await browser.SubmitAsync(again, "form[action='/account/logout']", []);
        login = await browser.GetAsync($"{Servers.IdentityUrl}/account/login");
        challenge = await browser.SubmitAsync(login, "form[action^='/account/login']", new() { ["Email"] = email, ["Password"] = LiveServersFixture.Password });
        var recovery = await browser.GetAsync(new Uri(new Uri(challenge.Url), challenge.Find("a[href*='login-recovery']")!.GetAttribute("href")!).ToString());
        var viaRecovery = await browser.SubmitAsync(recovery, "main form", new() { ["RecoveryCode"] = recoveryCodes[0] });
        Assert.Contains("You have 9 recovery codes left.", viaRecovery.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TwoFactor_TurningOffNewCodesAndNewPassword_AskForThePasswordAndACode()
    {
        using var browser = LiveServers.NewBrowser();
        var email = await fixture.CreateConfirmedAccountAsync("Rita Reauth");
        await fixture.SignInAtIdentityAsync(browser, email);
        var setup = await browser.GetAsync($"{Servers.IdentityUrl}/manage/authenticator");
        var key = setup.Find("#shared-key")!.TextContent;
        var enabled = await browser.SubmitAsync(setup, "form[action='/manage/authenticator']", new() { ["Code"] = Totp.Code(key, DateTimeOffset.UtcNow) });
        var recoveryCodes = enabled.Document.QuerySelectorAll("#recovery-codes li").Select(li => li.TextContent.Trim()).ToList();

        // The key of the app in use is never shown again, not even to the signed-in session.
        var again = await browser.GetAsync($"{Servers.IdentityUrl}/manage/authenticator");
        Assert.EndsWith("/manage", again.Url, StringComparison.Ordinal);
        Assert.Null(again.Find("#shared-key"));

        // A post without the confirmation (an open session left behind, a forged form) changes nothing.
        var turnOff = await browser.GetAsync($"{Servers.IdentityUrl}/manage/disable-2fa");
        var bare = await browser.SubmitAsync(turnOff, "main form", new() { ["Password"] = "", ["Code"] = "" });
        Assert.Contains("Enter your current password.", bare.ErrorMessages);
        var noCode = await browser.SubmitAsync(bare, "main form", new() { ["Password"] = LiveServersFixture.Password, ["Code"] = "" });
        Assert.Contains("Enter a valid code from your app or one of your recovery codes.", noCode.ErrorMessages);
        var wrongPassword = await browser.SubmitAsync(noCode, "main form", new() { ["Password"] = "Not-The-Password-1", ["Code"] = recoveryCodes[0] });
        Assert.Contains("The password is not correct.", wrongPassword.ErrorMessages);
        var wrongCode = await browser.SubmitAsync(wrongPassword, "main form", new() { ["Password"] = LiveServersFixture.Password, ["Code"] = "AAAAA-BBBBB" });
        Assert.Contains("Enter a valid code from your app or one of your recovery codes.", wrongCode.ErrorMessages);
        Assert.Contains("You have 10 recovery codes left.", (await browser.GetAsync($"{Servers.IdentityUrl}/manage")).Text, StringComparison.Ordinal);

        // A new password needs the code too.
        var change = await browser.GetAsync($"{Servers.IdentityUrl}/manage/change-password");
        var changeWithoutCode = await browser.SubmitAsync(change, "form[action='/manage/change-password']", new()
        {
            ["CurrentPassword"] = LiveServersFixture.Password, ["NewPassword"] = "Brand-New-Pass-2", ["ConfirmPassword"] = "Brand-New-Pass-2", ["Code"] = "",
        });
        Assert.Contains("Enter a valid code from your app or one of your recovery codes.", changeWithoutCode.ErrorMessages);

        // A guessable new password is refused before the code is looked at: the recovery code is not used up.
        var guessable = await browser.SubmitAsync(change, "form[action='/manage/change-password']", new()
        {
            ["CurrentPassword"] = LiveServersFixture.Password, ["NewPassword"] = "Password2026!", ["ConfirmPassword"] = "Password2026!", ["Code"] = recoveryCodes[1],
        });
        Assert.NotEmpty(guessable.ErrorMessages);
        Assert.DoesNotContain("Enter a valid code from your app or one of your recovery codes.", guessable.ErrorMessages);
        Assert.Contains("You have 10 recovery codes left.", (await browser.GetAsync($"{Servers.IdentityUrl}/manage")).Text, StringComparison.Ordinal);

        // New recovery codes: password and a recovery code (used up by it) — then ten fresh ones.
        var newCodes = await browser.GetAsync($"{Servers.IdentityUrl}/manage/new-recovery-codes");
        var generated = await browser.SubmitAsync(newCodes, "main form", new() { ["Password"] = LiveServersFixture.Password, ["Code"] = recoveryCodes[0] });
        var fresh = generated.Document.QuerySelectorAll("#recovery-codes li").Select(li => li.TextContent.Trim()).ToList();
        Assert.Equal(10, fresh.Count);
        Assert.Empty(fresh.Intersect(recoveryCodes));

        // Turning off with the password and an app code.
        var confirmed = await browser.SubmitAsync(await browser.GetAsync($"{Servers.IdentityUrl}/manage/disable-2fa"), "main form",
            new() { ["Password"] = LiveServersFixture.Password, ["Code"] = Totp.Code(key, DateTimeOffset.UtcNow.AddSeconds(30)) });
        Assert.EndsWith("/manage", confirmed.Url, StringComparison.Ordinal);
        Assert.Contains("Two-factor authentication is off.", confirmed.Text, StringComparison.Ordinal);
    }

    private async Task<(int Users, int Outbox)> CountAccountsAndEmailsAsync()
    {
        await using var scope = Servers.Identity.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AuthDbContext>();
        return (await db.Users.CountAsync(), await db.OutboxMessages.CountAsync());
    }

    private static string NewEmail() => $"person-{Guid.NewGuid():N}@example.test";

    internal static string FirstLink(MimeMessage message)
        => (message.TextBody ?? string.Empty).Split(['\n', ' '], StringSplitOptions.RemoveEmptyEntries)
            .First(w => w.StartsWith("http", StringComparison.Ordinal)).Trim();
}
