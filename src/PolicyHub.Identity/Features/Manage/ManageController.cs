using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using PolicyHub.Data.Identity;
using QRCoder;

namespace PolicyHub.Identity.Features.Manage;

/// <summary>The signed-in person's own account: password, two-factor authentication, recovery codes.</summary>
[Authorize]
[Route("manage")]
public sealed class ManageController(
    UserManager<ApplicationUser> users,
    SignInManager<ApplicationUser> signIn,
    IStringLocalizer<SharedResource> l) : Controller
{
    private const string Issuer = "PolicyHub";

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
    public IActionResult ChangePassword() => View(new ChangePasswordModel());

    [HttpPost("change-password")]
    public async Task<IActionResult> ChangePassword(ChangePasswordModel model)
    {
        if (!ModelState.IsValid)
        {
            return View(model);
        }

        var user = await CurrentUserAsync();
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
        return View(await WithKeyAsync(user, new EnableAuthenticatorModel()));
    }

    [HttpPost("authenticator")]
    public async Task<IActionResult> EnableAuthenticator(EnableAuthenticatorModel model)
    {
        var user = await CurrentUserAsync();
        if (!ModelState.IsValid)
        {
            return View(await WithKeyAsync(user, model));
        }

        var code = model.Code.Replace(" ", string.Empty, StringComparison.Ordinal).Replace("-", string.Empty, StringComparison.Ordinal);
        if (!await users.VerifyTwoFactorTokenAsync(user, users.Options.Tokens.AuthenticatorTokenProvider, code))
        {
            ModelState.AddModelError(nameof(model.Code), l["The code is not valid. Codes change every 30 seconds."]);
            return View(await WithKeyAsync(user, model));
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

    [HttpPost("recovery-codes")]
    public async Task<IActionResult> GenerateRecoveryCodes()
    {
        var user = await CurrentUserAsync();
        if (!await users.GetTwoFactorEnabledAsync(user))
        {
            return RedirectToAction(nameof(Index));
        }

        var codes = await users.GenerateNewTwoFactorRecoveryCodesAsync(user, 10);
        TempData["RecoveryCodes"] = string.Join(' ', codes ?? []);
        TempData["Status"] = l["New recovery codes were generated; the old ones no longer work."].Value;
        return RedirectToAction(nameof(RecoveryCodes));
    }

    [HttpPost("disable-2fa")]
    public async Task<IActionResult> DisableTwoFactor()
    {
        var user = await CurrentUserAsync();
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

    private async Task<ApplicationUser> CurrentUserAsync()
        => await users.GetUserAsync(User) ?? throw new InvalidOperationException("The signed-in account no longer exists.");

    private async Task<EnableAuthenticatorModel> WithKeyAsync(ApplicationUser user, EnableAuthenticatorModel model)
    {
        var key = await users.GetAuthenticatorKeyAsync(user);
        if (string.IsNullOrEmpty(key))
        {
            await users.ResetAuthenticatorKeyAsync(user);
            key = await users.GetAuthenticatorKeyAsync(user) ?? throw new InvalidOperationException("No authenticator key was generated.");
        }

        var uri = string.Create(CultureInfo.InvariantCulture,
            $"otpauth://totp/{Uri.EscapeDataString(Issuer)}:{Uri.EscapeDataString(user.Email!)}?secret={key}&issuer={Uri.EscapeDataString(Issuer)}&digits=6");
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(uri, QRCodeGenerator.ECCLevel.Q);
        var png = new PngByteQRCode(data).GetGraphic(5);
        model.SharedKey = FormatKey(key);
        model.QrCodeDataUri = "data:image/png;base64," + Convert.ToBase64String(png);
        return model;
    }

    private static string FormatKey(string key)
    {
        var result = new StringBuilder();
        for (var i = 0; i < key.Length; i += 4)
        {
            result.Append(key.AsSpan(i, Math.Min(4, key.Length - i))).Append(' ');
        }

        return result.ToString().TrimEnd().ToLowerInvariant();
    }
}
