using PolicyHub.Core.Text;
using System.Text;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Localization;
using PolicyHub.Data.Database;
using PolicyHub.Data.Identity;
using PolicyHub.Identity.Extensions;
using PolicyHub.ServiceDefaults.Email;

namespace PolicyHub.Identity.Features.Account;

[Route("account")]
public sealed class AccountController(
    UserManager<ApplicationUser> users,
    SignInManager<ApplicationUser> signIn,
    AuthDbContext db,
    AccountEmails emails,
    TimeProvider time,
    ServiceDefaults.Security.PublicOrigin origin,
    PasswordSignIn passwordSignIn,
    AccountMailThrottle mailThrottle,
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
                ViewData["ShowResend"] = true;
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

    [HttpGet("register")]
    public IActionResult Register(string? returnUrl) => View(new RegisterModel { ReturnUrl = returnUrl });

    [HttpPost("register")]
    [EnableRateLimiting(RateLimits.Login)]
    public async Task<IActionResult> Register(RegisterModel model)
    {
        if (!ModelState.IsValid)
        {
            return View(model);
        }

        var email = model.Email.Trim();
        var existing = await users.FindByEmailAsync(email);
        if (existing is not null)
        {
            if (!await mailThrottle.MaySendToAsync(existing.Email!))
            {
                return RedirectToAction(nameof(RegisterConfirmation));
            }

            // Do not reveal that the address is taken; tell its owner instead.
            var resetLink = origin.Link(Request, Url.Action(nameof(ForgotPassword), "Account", null)!);
            var signInLink = origin.Link(Request, Url.Action(nameof(Login), "Account", new { model.ReturnUrl })!);
            db.EnqueueEmail(emails.AlreadyRegistered(existing.Email!, existing.DisplayName, signInLink, resetLink), time);
            await db.SaveChangesAsync();
            return RedirectToAction(nameof(RegisterConfirmation));
        }

        var user = new ApplicationUser { UserName = email, Email = email, DisplayName = TextRules.NormalizeName(model.DisplayName)! };
        List<IdentityError> errors;
        try
        {
            errors = await RegisterAsync(user, model);
        }
        catch (Microsoft.EntityFrameworkCore.DbUpdateException e) when (e.IsUniqueViolation())
        {
            // The same address registered twice at the same moment: the answer does not tell either request apart.
            return RedirectToAction(nameof(RegisterConfirmation));
        }

        if (errors.Count > 0)
        {
            AddIdentityErrors(errors, nameof(model.Password));

            return View(model);
        }

        return RedirectToAction(nameof(RegisterConfirmation));
    }

    private Task<List<IdentityError>> RegisterAsync(ApplicationUser user, RegisterModel model)
        => db.InTransactionAsync(async ct =>
        {
            var email = user.Email!;
            var created = await users.CreateAsync(user, model.Password);
            if (!created.Succeeded)
            {
                return created.Errors.ToList();
            }

            // The confirmation email is written in the same transaction as the account.
            db.EnqueueEmail(emails.ConfirmEmail(email, user.DisplayName, await ConfirmLinkAsync(user, model.ReturnUrl)), time);
            await db.SaveChangesAsync(ct);
            return new List<IdentityError>();
        });

    [HttpGet("register-confirmation")]
    public IActionResult RegisterConfirmation() => View();

    /// <summary>The link in the email lands here; confirming is a POST (no state change on GET).</summary>
    [HttpGet("confirm-email")]
    public IActionResult ConfirmEmail(string? userId, string? code, string? returnUrl)
        => View(new ConfirmEmailModel { UserId = userId ?? string.Empty, Code = code ?? string.Empty, ReturnUrl = returnUrl });

    [HttpPost("confirm-email")]
    public async Task<IActionResult> ConfirmEmail(ConfirmEmailModel model)
    {
        if (!ModelState.IsValid)
        {
            return View(model);
        }

        var user = await users.FindByIdAsync(model.UserId);
        var result = user is null ? IdentityResult.Failed(users.ErrorDescriber.InvalidToken()) : await users.ConfirmEmailAsync(user, Decode(model.Code));
        if (!result.Succeeded)
        {
            ModelState.AddModelError(string.Empty, l["This link is invalid or has expired. Please request a new one."]);
            return View(model);
        }

        TempData["Status"] = l["Thank you. Your email address is confirmed; you can sign in now."].Value;
        return RedirectToAction(nameof(Login), new { model.ReturnUrl });
    }

    [HttpGet("resend-confirmation")]
    public IActionResult ResendConfirmation(string? returnUrl) => View(new EmailModel { ReturnUrl = returnUrl });

    [HttpPost("resend-confirmation")]
    [EnableRateLimiting(RateLimits.Login)]
    public async Task<IActionResult> ResendConfirmation(EmailModel model)
    {
        if (!ModelState.IsValid)
        {
            return View(model);
        }

        var user = await users.FindByEmailAsync(model.Email.Trim());
        if (user is { EmailConfirmed: false } && await mailThrottle.MaySendToAsync(user.Email!))
        {
            db.EnqueueEmail(emails.ConfirmEmail(user.Email!, user.DisplayName, await ConfirmLinkAsync(user, model.ReturnUrl)), time);
            await db.SaveChangesAsync();
        }

        return RedirectToAction(nameof(RegisterConfirmation));
    }

    [HttpGet("forgot-password")]
    public IActionResult ForgotPassword() => View(new EmailModel());

    [HttpPost("forgot-password")]
    [EnableRateLimiting(RateLimits.Login)]
    public async Task<IActionResult> ForgotPassword(EmailModel model)
    {
        if (!ModelState.IsValid)
        {
            return View(model);
        }

        var user = await users.FindByEmailAsync(model.Email.Trim());
        if (user is { EmailConfirmed: true } && await mailThrottle.MaySendToAsync(user.Email!))
        {
            var code = Encode(await users.GeneratePasswordResetTokenAsync(user));
            var link = origin.Link(Request, Url.Action(nameof(ResetPassword), "Account", new { code, email = user.Email })!);
            db.EnqueueEmail(emails.ResetPassword(user.Email!, user.DisplayName, link), time);
            await db.SaveChangesAsync();
        }

        // Same answer for unknown addresses: the page must not reveal who has an account.
        return RedirectToAction(nameof(ForgotPasswordConfirmation));
    }

    [HttpGet("forgot-password-confirmation")]
    public IActionResult ForgotPasswordConfirmation() => View();

    [HttpGet("reset-password")]
    public IActionResult ResetPassword(string? code, string? email)
        => View(new ResetPasswordModel { Code = code ?? string.Empty, Email = email ?? string.Empty });

    [HttpPost("reset-password")]
    [EnableRateLimiting(RateLimits.Login)]
    public async Task<IActionResult> ResetPassword(ResetPasswordModel model)
    {
        if (!ModelState.IsValid)
        {
            return View(model);
        }

        var user = await users.FindByEmailAsync(model.Email.Trim());
        if (user is null)
        {
            ModelState.AddModelError(string.Empty, l["This link is invalid or has expired. Please request a new one."]);
            return View(model);
        }

        var result = await users.ResetPasswordAsync(user, Decode(model.Code), model.Password);
        if (!result.Succeeded)
        {
            AddIdentityErrors(result.Errors, nameof(model.Password));

            return View(model);
        }

        TempData["Status"] = l["Your password has been changed. Please sign in."].Value;
        return RedirectToAction(nameof(Login));
    }

    [HttpPost("logout")]
    public async Task<IActionResult> Logout()
    {
        await signIn.SignOutAsync();
        return RedirectToAction("Index", "Home");
    }

    private async Task<string> ConfirmLinkAsync(ApplicationUser user, string? returnUrl)
    {
        var code = Encode(await users.GenerateEmailConfirmationTokenAsync(user));
        return origin.Link(Request, Url.Action(nameof(ConfirmEmail), "Account",
            new { userId = user.Id, code, returnUrl = ServiceDefaults.Security.LocalUrl.Normalize(returnUrl) })!);
    }

    /// <summary>Password rule errors go to the password field, all of them at once; the rest above the form.</summary>
    private void AddIdentityErrors(IEnumerable<IdentityError> errors, string passwordField)
    {
        var list = errors.ToList();
        var passwordRules = list.Where(e => e.Code.StartsWith("Password", StringComparison.Ordinal)).Select(e => e.Description).ToList();
        if (passwordRules.Count > 0)
        {
            ModelState.AddModelError(passwordField, string.Join(' ', passwordRules));
        }

        foreach (var error in list.Where(e => !e.Code.StartsWith("Password", StringComparison.Ordinal)))
        {
            ModelState.AddModelError(string.Empty, error.Description);
        }
    }

    private IActionResult RedirectToLocal(string? returnUrl)
        => ServiceDefaults.Security.LocalUrl.Normalize(returnUrl) is var target and not "/" ? LocalRedirect(target) : RedirectToAction("Index", "Home");

    private static string Encode(string token) => WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes(token));

    private static string Decode(string code)
    {
        try
        {
            return Encoding.UTF8.GetString(WebEncoders.Base64UrlDecode(code));
        }
        catch (FormatException)
        {
            return string.Empty;
        }
    }
}
