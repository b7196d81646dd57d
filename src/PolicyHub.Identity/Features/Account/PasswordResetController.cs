using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;
using PolicyHub.Data.Identity;
using PolicyHub.Identity.Extensions;

namespace PolicyHub.Identity.Features.Account;

/// <summary>A forgotten password: the reset link by email (same answer for unknown addresses), then the new password.</summary>
[Route("account")]
public sealed class PasswordResetController(UserManager<ApplicationUser> users, AccountEmails emails, AccountMail mail, IStringLocalizer<SharedResource> l) : Controller
{
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
        if (user is { EmailConfirmed: true } && await mail.MaySendToAsync(user.Email!))
        {
            var code = AccountTokens.Encode(await users.GeneratePasswordResetTokenAsync(user));
            var link = mail.Link(Request, Url.Action(nameof(ResetPassword), "PasswordReset", new { code, email = user.Email })!);
            await mail.SendAsync(emails.ResetPassword(user.Email!, user.DisplayName, link));
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

        var result = await users.ResetPasswordAsync(user, AccountTokens.Decode(model.Code), model.Password);
        if (!result.Succeeded)
        {
            ModelState.AddIdentityErrors(result.Errors, nameof(model.Password));
            return View(model);
        }

        TempData["Status"] = l["Your password has been changed. Please sign in."].Value;
        return RedirectToAction(nameof(SignInController.Login), "SignIn");
    }
}
