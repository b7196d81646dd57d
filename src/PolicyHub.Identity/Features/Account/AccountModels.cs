using PolicyHub.ServiceDefaults.Validation;
using FluentValidation;
using Microsoft.Extensions.Localization;

namespace PolicyHub.Identity.Features.Account;

public sealed class LoginModel
{
    public string Email { get; set; } = string.Empty;
    public string Password { get; set; } = string.Empty;
    public bool RememberMe { get; set; }
    public string? ReturnUrl { get; set; }

    // Shown, not posted: the address is not confirmed yet, so the page offers to send the link again.
    [Microsoft.AspNetCore.Mvc.ModelBinding.BindNever]
    public bool ShowResend { get; set; }
}

public sealed class LoginModelValidator : AbstractValidator<LoginModel>
{
    public LoginModelValidator(IStringLocalizer<SharedResource> l)
    {
        RuleFor(m => m.Email).NotEmpty().WithMessage(_ => l["Enter your email address."]);
        RuleFor(m => m.Password).NotEmpty().WithMessage(_ => l["Enter your password."]);
    }
}

public sealed class LoginWith2faModel
{
    public string Code { get; set; } = string.Empty;
    public bool RememberMachine { get; set; }
    public bool RememberMe { get; set; }
    public string? ReturnUrl { get; set; }
}

public sealed class LoginWith2faModelValidator : AbstractValidator<LoginWith2faModel>
{
    public LoginWith2faModelValidator(IStringLocalizer<SharedResource> l)
    {
        RuleFor(m => m.Code).NotEmpty().WithMessage(_ => l["Enter the code from your authenticator app."])
            .Matches(@"^[0-9 \-]{6,9}$").WithMessage(_ => l["The code has six digits."]);
    }
}

public sealed class LoginWithRecoveryCodeModel
{
    public string RecoveryCode { get; set; } = string.Empty;
    public string? ReturnUrl { get; set; }
}

public sealed class LoginWithRecoveryCodeModelValidator : AbstractValidator<LoginWithRecoveryCodeModel>
{
    public LoginWithRecoveryCodeModelValidator(IStringLocalizer<SharedResource> l)
    {
        RuleFor(m => m.RecoveryCode).NotEmpty().WithMessage(_ => l["Enter one of your recovery codes."]).MaximumLength(50);
    }
}

public sealed class RegisterModel
{
    public string DisplayName { get; set; } = string.Empty;
    public string Email { get; set; } = string.Empty;
    public string Password { get; set; } = string.Empty;
    public string ConfirmPassword { get; set; } = string.Empty;
    public string? ReturnUrl { get; set; }
}

public sealed class RegisterModelValidator : AbstractValidator<RegisterModel>
{
    public RegisterModelValidator(IStringLocalizer<SharedResource> l)
    {
        RuleFor(m => m.DisplayName).ValidName(l, 200, () => l["Enter your name."]);
        RuleFor(m => m.Email).NotEmpty().WithMessage(_ => l["Enter your email address."])
            .ValidEmail(l, 256);
        RuleFor(m => m.Password).NewPassword(l);
        RuleFor(m => m.ConfirmPassword).SameAs(m => m.Password, l);
    }
}

public sealed class EmailModel
{
    public string Email { get; set; } = string.Empty;
    public string? ReturnUrl { get; set; }
}

public sealed class EmailModelValidator : AbstractValidator<EmailModel>
{
    public EmailModelValidator(IStringLocalizer<SharedResource> l)
    {
        RuleFor(m => m.Email).NotEmpty().WithMessage(_ => l["Enter your email address."])
            .ValidEmail(l, 256);
    }
}

public sealed class ConfirmEmailModel
{
    public string UserId { get; set; } = string.Empty;
    public string Code { get; set; } = string.Empty;
    public string? ReturnUrl { get; set; }
}

public sealed class ConfirmEmailModelValidator : AbstractValidator<ConfirmEmailModel>
{
    public ConfirmEmailModelValidator(IStringLocalizer<SharedResource> l)
    {
        RuleFor(m => m.UserId).NotEmpty().WithMessage(_ => l["This link is invalid or has expired. Please request a new one."]);
        RuleFor(m => m.Code).NotEmpty().WithMessage(_ => l["This link is invalid or has expired. Please request a new one."]);
    }
}

public sealed class ResetPasswordModel
{
    public string Email { get; set; } = string.Empty;
    public string Code { get; set; } = string.Empty;
    public string Password { get; set; } = string.Empty;
    public string ConfirmPassword { get; set; } = string.Empty;
}

public sealed class ResetPasswordModelValidator : AbstractValidator<ResetPasswordModel>
{
    public ResetPasswordModelValidator(IStringLocalizer<SharedResource> l)
    {
        RuleFor(m => m.Email).NotEmpty().WithMessage(_ => l["Enter your email address."])
            .ValidEmail(l, 256);
        RuleFor(m => m.Code).NotEmpty().WithMessage(_ => l["This link is invalid or has expired. Please request a new one."]);
        RuleFor(m => m.Password).NewPassword(l);
        RuleFor(m => m.ConfirmPassword).SameAs(m => m.Password, l);
    }
}
