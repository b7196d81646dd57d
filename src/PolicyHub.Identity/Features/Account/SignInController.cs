using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;
using PolicyHub.Data.Identity;
using PolicyHub.Identity.Extensions;

namespace PolicyHub.Identity.Features.Account;

/// <summary>Signing in (password, then an authenticator or recovery code when two-factor is on), lockout and signing out.</summary>
[Route("account")]
public sealed class SignInController(
    SignInManager<ApplicationUser> signIn,
    PasswordSignIn passwordSignIn,
    IStringLocalizer<SharedResource> l) : Controller
{
    [HttpGet("login")]
    public IActionResult Login(string? returnUrl) => View(new LoginModel { ReturnUrl = returnUrl });

    [HttpPost("login")]
    [EnableRateLimiting(RateLimits.Login)]
    public async Task<IActionResult> Login(LoginModel model)
    {
        if (!ModelState.IsValid)
        {
            return View(model);
        }

        switch (await passwordSignIn.SignInAsync(model.Email, model.Password, model.RememberMe))
        {
            case PasswordSignInOutcome.Succeeded:
                return RedirectToLocal(model.ReturnUrl);
            case PasswordSignInOutcome.RequiresTwoFactor:
                return RedirectToAction(nameof(LoginWith2fa), new { model.ReturnUrl, model.RememberMe });
            case PasswordSignInOutcome.EmailNotConfirmed:
                ModelState.AddModelError(string.Empty, l["Please confirm your email address first. We can send the link again."]);
                model.ShowResend = true;
                return View(model);
        }

        // The same message whether the account exists, is locked or the password is wrong: nothing to learn for someone probing addresses.
        ModelState.AddModelError(string.Empty, l["Invalid email or password. After 5 failed attempts an account is locked for 15 minutes."]);
        return View(model);
    }

    [HttpGet("login-2fa")]
    public async Task<IActionResult> LoginWith2fa(string? returnUrl, bool rememberMe)
    {
        if (await signIn.GetTwoFactorAuthenticationUserAsync() is null)
        {
            return RedirectToAction(nameof(Login), new { returnUrl });
        }

        return View(new LoginWith2faModel { ReturnUrl = returnUrl, RememberMe = rememberMe });
    }

    [HttpPost("login-2fa")]
    [EnableRateLimiting(RateLimits.Login)]
    public async Task<IActionResult> LoginWith2fa(LoginWith2faModel model)
    {
        if (await signIn.GetTwoFactorAuthenticationUserAsync() is null)
        {
            return RedirectToAction(nameof(Login), new { model.ReturnUrl });
        }

        if (!ModelState.IsValid)
        {
            return View(model);
        }

        var code = model.Code.Replace(" ", string.Empty, StringComparison.Ordinal).Replace("-", string.Empty, StringComparison.Ordinal);
        var result = await signIn.TwoFactorAuthenticatorSignInAsync(code, model.RememberMe, model.RememberMachine);
        if (result.Succeeded)
        {
            return RedirectToLocal(model.ReturnUrl);
        }

        if (result.IsLockedOut)
        {
            return RedirectToAction(nameof(Lockout));
        }

        ModelState.AddModelError(nameof(model.Code), l["The code is not valid. Codes change every 30 seconds."]);
        return View(model);
    }

    [HttpGet("login-recovery")]
    public async Task<IActionResult> LoginWithRecoveryCode(string? returnUrl)
    {
        if (await signIn.GetTwoFactorAuthenticationUserAsync() is null)
        {
            return RedirectToAction(nameof(Login), new { returnUrl });
        }

        return View(new LoginWithRecoveryCodeModel { ReturnUrl = returnUrl });
    }

    [HttpPost("login-recovery")]
    [EnableRateLimiting(RateLimits.Login)]
    public async Task<IActionResult> LoginWithRecoveryCode(LoginWithRecoveryCodeModel model)
    {
        if (await signIn.GetTwoFactorAuthenticationUserAsync() is null)
        {
            return RedirectToAction(nameof(Login), new { model.ReturnUrl });
        }

        if (!ModelState.IsValid)
        {
            return View(model);
        }

        var result = await signIn.TwoFactorRecoveryCodeSignInAsync(model.RecoveryCode.Replace(" ", string.Empty, StringComparison.Ordinal));
        if (result.Succeeded)
        {
            return RedirectToLocal(model.ReturnUrl);
        }

        if (result.IsLockedOut)
        {
            return RedirectToAction(nameof(Lockout));
        }

        ModelState.AddModelError(nameof(model.RecoveryCode), l["The recovery code is not valid."]);
        return View(model);
    }

    [HttpGet("lockout")]
    public IActionResult Lockout() => View();

    [HttpPost("logout")]
    public async Task<IActionResult> Logout()
    {
        await signIn.SignOutAsync();
        return RedirectToAction("Index", "Home");
    }

    private IActionResult RedirectToLocal(string? returnUrl)
        => ServiceDefaults.Security.LocalUrl.Normalize(returnUrl) is var target and not "/" ? LocalRedirect(target) : RedirectToAction("Index", "Home");
}
