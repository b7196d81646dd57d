using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using PolicyHub.Data.Identity;

namespace PolicyHub.Identity.Features.Manage;

/// <summary>The signed-in person's own account: password, two-factor authentication, recovery codes.</summary>
[Authorize]
[Route("manage")]
public sealed class ManageController(
    UserManager<ApplicationUser> users,
    SignInManager<ApplicationUser> signIn,
    Reauthentication reauthentication,
    IStringLocalizer<SharedResource> l) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index()
    {
        var user = await CurrentUserAsync();
        return View(new ManageIndexModel(
            user.DisplayName,
            user.Email ?? string.Empty,
            await users.GetTwoFactorEnabledAsync(user),
            await users.CountRecoveryCodesAsync(user),
            await signIn.IsTwoFactorClientRememberedAsync(user)));
    }

    [HttpGet("change-password")]
    public async Task<IActionResult> ChangePassword()
        => View(new ChangePasswordModel { TwoFactorEnabled = await users.GetTwoFactorEnabledAsync(await CurrentUserAsync()) });

    [HttpPost("change-password")]
    public async Task<IActionResult> ChangePassword(ChangePasswordModel model)
    {
        var user = await CurrentUserAsync();
        model.TwoFactorEnabled = await users.GetTwoFactorEnabledAsync(user);
        if (!ModelState.IsValid)
        {
            return View(model);
        }

        // The new password's rules first: a refused password must not use up a recovery code or count as a failure.
        foreach (var validator in users.PasswordValidators)
        {
            var rules = await validator.ValidateAsync(users, user, model.NewPassword);
            foreach (var error in rules.Errors)
            {
                ModelState.AddModelError(nameof(model.NewPassword), error.Description);
            }
        }

        if (!ModelState.IsValid)
        {
            return View(model);
        }

        if (await ConfirmedAsync(user, model.CurrentPassword, model.Code, nameof(model.CurrentPassword), () => View(model)) is { } refused)
        {
            return refused;
        }

        var result = await users.ChangePasswordAsync(user, model.CurrentPassword, model.NewPassword);
        if (!result.Succeeded)
        {
            foreach (var error in result.Errors)
            {
                var field = error.Code == nameof(IdentityErrorDescriber.PasswordMismatch) ? nameof(model.CurrentPassword) : nameof(model.NewPassword);
                ModelState.AddModelError(field, error.Description);
            }

            return View(model);
        }

        await signIn.RefreshSignInAsync(user);
        TempData["Status"] = l["Your password has been changed."].Value;
        return RedirectToAction(nameof(Index));
    }

    [HttpGet("authenticator")]
    public async Task<IActionResult> EnableAuthenticator()
    {
        var user = await CurrentUserAsync();
        if (await users.GetTwoFactorEnabledAsync(user))
        {
            // The key of an app already in use is never shown again: to move to another app, turn two-factor off (which asks for the password and a code) and set it up anew.
            return RedirectToAction(nameof(Index));
        }

        return View(await AuthenticatorKey.WithKeyAsync(users, user, new EnableAuthenticatorModel()));
    }

    [HttpPost("authenticator")]
    public async Task<IActionResult> EnableAuthenticator(EnableAuthenticatorModel model)
    {
        var user = await CurrentUserAsync();
        if (await users.GetTwoFactorEnabledAsync(user))
        {
            return RedirectToAction(nameof(Index));
        }

        if (!ModelState.IsValid)
        {
            return View(await AuthenticatorKey.WithKeyAsync(users, user, model));
        }

        var code = model.Code.Replace(" ", string.Empty, StringComparison.Ordinal).Replace("-", string.Empty, StringComparison.Ordinal);
        if (!await users.VerifyTwoFactorTokenAsync(user, users.Options.Tokens.AuthenticatorTokenProvider, code))
        {
            ModelState.AddModelError(nameof(model.Code), l["The code is not valid. Codes change every 30 seconds."]);
            return View(await AuthenticatorKey.WithKeyAsync(users, user, model));
        }

        await users.SetTwoFactorEnabledAsync(user, true);
        var recoveryCodes = await users.GenerateNewTwoFactorRecoveryCodesAsync(user, 10);
        await signIn.RefreshSignInAsync(user);
        TempData["RecoveryCodes"] = string.Join(' ', recoveryCodes ?? []);
        TempData["Status"] = l["Two-factor authentication is on. Keep your recovery codes somewhere safe."].Value;
        return RedirectToAction(nameof(RecoveryCodes));
    }

    [HttpGet("recovery-codes")]
    public IActionResult RecoveryCodes()
    {
        // Codes are shown once, right after they were generated; afterwards only new ones can be made.
        var codes = (TempData["RecoveryCodes"] as string)?.Split(' ', StringSplitOptions.RemoveEmptyEntries) ?? [];
        return View(codes);
    }

    [HttpGet("new-recovery-codes")]
    public async Task<IActionResult> GenerateRecoveryCodes()
    {
        var user = await CurrentUserAsync();
        return await users.GetTwoFactorEnabledAsync(user) ? View(new ConfirmIdentityModel { TwoFactorEnabled = true }) : RedirectToAction(nameof(Index));
    }

    [HttpPost("new-recovery-codes")]
    public async Task<IActionResult> GenerateRecoveryCodes(ConfirmIdentityModel model)
    {
        var user = await CurrentUserAsync();
        if (!await users.GetTwoFactorEnabledAsync(user))
        {
            return RedirectToAction(nameof(Index));
        }

        model.TwoFactorEnabled = true;
        if (await ConfirmedAsync(user, model) is { } refused)
        {
            return refused;
        }

        var codes = await users.GenerateNewTwoFactorRecoveryCodesAsync(user, 10);
        TempData["RecoveryCodes"] = string.Join(' ', codes ?? []);
        TempData["Status"] = l["New recovery codes were generated; the old ones no longer work."].Value;
        return RedirectToAction(nameof(RecoveryCodes));
    }

    [HttpGet("disable-2fa")]
    public async Task<IActionResult> DisableTwoFactor()
    {
        var user = await CurrentUserAsync();
        return await users.GetTwoFactorEnabledAsync(user) ? View(new ConfirmIdentityModel { TwoFactorEnabled = true }) : RedirectToAction(nameof(Index));
    }

    [HttpPost("disable-2fa")]
    public async Task<IActionResult> DisableTwoFactor(ConfirmIdentityModel model)
    {
        var user = await CurrentUserAsync();
        if (!await users.GetTwoFactorEnabledAsync(user))
        {
            return RedirectToAction(nameof(Index));
        }

        model.TwoFactorEnabled = true;
        if (await ConfirmedAsync(user, model) is { } refused)
        {
            return refused;
        }

        await users.SetTwoFactorEnabledAsync(user, false);
        await users.ResetAuthenticatorKeyAsync(user);
        await signIn.RefreshSignInAsync(user);
        TempData["Status"] = l["Two-factor authentication is off."].Value;
        return RedirectToAction(nameof(Index));
    }

    [HttpPost("forget-browser")]
    public async Task<IActionResult> ForgetBrowser()
    {
        await signIn.ForgetTwoFactorClientAsync();
        TempData["Status"] = l["This browser will ask for a code at the next sign-in."].Value;
        return RedirectToAction(nameof(Index));
    }

    /// <summary>Null when the person confirmed it is them; otherwise the page to answer with (the form with a message, or the lockout page).</summary>
    private Task<IActionResult?> ConfirmedAsync(ApplicationUser user, ConfirmIdentityModel model)
        => ModelState.IsValid ? ConfirmedAsync(user, model.Password, model.Code, nameof(model.Password), () => View(model)) : Task.FromResult<IActionResult?>(View(model));

    /// <summary>The one "confirm it's you" answer for every form that asks: <paramref name="form"/> shows the form again with the message.</summary>
    private async Task<IActionResult?> ConfirmedAsync(ApplicationUser user, string password, string? code, string passwordField, Func<IActionResult> form)
    {
        switch (await reauthentication.CheckAsync(user, password, code))
        {
            case ReauthenticationOutcome.Confirmed:
                return null;
            case ReauthenticationOutcome.LockedOut:
                return await LockedOutAsync();
            case ReauthenticationOutcome.WrongPassword:
                ModelState.AddModelError(passwordField, l["The password is not correct."]);
                return form();
            default:
                ModelState.AddModelError("Code", l["Enter a valid code from your app or one of your recovery codes."]);
                return form();
        }
    }

    /// <summary>Too many wrong answers: the session ends too, as the sign-in page would have locked the account.</summary>
    private async Task<IActionResult> LockedOutAsync()
    {
        await signIn.SignOutAsync();
        return RedirectToAction(nameof(Account.SignInController.Lockout), "SignIn");
    }

    private async Task<ApplicationUser> CurrentUserAsync()
        => await users.GetUserAsync(User) ?? throw new InvalidOperationException("The signed-in account no longer exists.");
}
