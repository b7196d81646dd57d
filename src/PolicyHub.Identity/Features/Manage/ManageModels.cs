using FluentValidation;
using Microsoft.Extensions.Localization;
using PolicyHub.Identity.Features.Account;

namespace PolicyHub.Identity.Features.Manage;

public sealed class ChangePasswordModel
{
    public string CurrentPassword { get; set; } = string.Empty;
    public string NewPassword { get; set; } = string.Empty;
    public string ConfirmPassword { get; set; } = string.Empty;
}

public sealed class ChangePasswordModelValidator : AbstractValidator<ChangePasswordModel>
{
    public ChangePasswordModelValidator(IStringLocalizer<SharedResource> l)
    {
        RuleFor(m => m.CurrentPassword).NotEmpty().WithMessage(_ => l["Enter your current password."]);
        RuleFor(m => m.NewPassword).NewPassword(l);
        RuleFor(m => m.ConfirmPassword).SameAs(m => m.NewPassword, l);
    }
}

public sealed class EnableAuthenticatorModel
{
    public string Code { get; set; } = string.Empty;

    // Shown, not posted back: filled by the controller.
    public string SharedKey { get; set; } = string.Empty;
    public string QrCodeDataUri { get; set; } = string.Empty;
}

public sealed class EnableAuthenticatorModelValidator : AbstractValidator<EnableAuthenticatorModel>
{
    public EnableAuthenticatorModelValidator(IStringLocalizer<SharedResource> l)
    {
        RuleFor(m => m.Code).NotEmpty().WithMessage(_ => l["Enter the code from your authenticator app."])
            .Matches(@"^[0-9 \-]{6,9}$").WithMessage(_ => l["The code has six digits."]);
    }
}

public sealed record ManageIndexModel(string DisplayName, string Email, bool TwoFactorEnabled, int RecoveryCodesLeft, bool MachineRemembered);
