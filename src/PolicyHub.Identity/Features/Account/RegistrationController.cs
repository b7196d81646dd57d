using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;
using PolicyHub.Core.Text;
using PolicyHub.Data.Database;
using PolicyHub.Data.Identity;
using PolicyHub.Identity.Extensions;

namespace PolicyHub.Identity.Features.Account;

/// <summary>Creating an account and confirming its email address (the link is sent again on request, throttled per address).</summary>
[Route("account")]
public sealed class RegistrationController(
    UserManager<ApplicationUser> users,
    AuthDbContext db,
    AccountEmails emails,
    AccountMail mail,
    IStringLocalizer<SharedResource> l) : Controller
{
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
            if (!await mail.MaySendToAsync(existing.Email!))
            {
                return RedirectToAction(nameof(RegisterConfirmation));
            }

            // Do not reveal that the address is taken; tell its owner instead.
            var resetLink = mail.Link(Request, Url.Action(nameof(PasswordResetController.ForgotPassword), "PasswordReset", null)!);
            var signInLink = mail.Link(Request, Url.Action(nameof(SignInController.Login), "SignIn", new { model.ReturnUrl })!);
            await mail.SendAsync(emails.AlreadyRegistered(existing.Email!, existing.DisplayName, signInLink, resetLink));
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
            ModelState.AddIdentityErrors(errors, nameof(model.Password));
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
            mail.Enqueue(emails.ConfirmEmail(email, user.DisplayName, await ConfirmLinkAsync(user, model.ReturnUrl)));
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
        var result = user is null ? IdentityResult.Failed(users.ErrorDescriber.InvalidToken()) : await users.ConfirmEmailAsync(user, AccountTokens.Decode(model.Code));
        if (!result.Succeeded)
        {
            ModelState.AddModelError(string.Empty, l["This link is invalid or has expired. Please request a new one."]);
            return View(model);
        }

        TempData["Status"] = l["Thank you. Your email address is confirmed; you can sign in now."].Value;
        return RedirectToAction(nameof(SignInController.Login), "SignIn", new { model.ReturnUrl });
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
        if (user is { EmailConfirmed: false } && await mail.MaySendToAsync(user.Email!))
        {
            await mail.SendAsync(emails.ConfirmEmail(user.Email!, user.DisplayName, await ConfirmLinkAsync(user, model.ReturnUrl)));
        }

        return RedirectToAction(nameof(RegisterConfirmation));
    }

    private async Task<string> ConfirmLinkAsync(ApplicationUser user, string? returnUrl)
    {
        var code = AccountTokens.Encode(await users.GenerateEmailConfirmationTokenAsync(user));
        return mail.Link(Request, Url.Action(nameof(ConfirmEmail), "Registration",
            new { userId = user.Id, code, returnUrl = ServiceDefaults.Security.LocalUrl.Normalize(returnUrl) })!);
    }
}
