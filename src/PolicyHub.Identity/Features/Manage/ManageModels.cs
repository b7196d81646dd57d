using FluentValidation;
using Microsoft.Extensions.Localization;
using PolicyHub.Identity.Features.Account;

namespace PolicyHub.Identity.Features.Manage;

public sealed class ChangePasswordModel
{
    public string CurrentPassword { get; set; } = string.Empty;
    public string NewPassword { get; set; } = string.Empty;
    public string ConfirmPassword { get; set; } = string.Empty;

    /// <summary>The authenticator or a recovery code, asked for when two-factor authentication is on.</summary>
    public string? Code { get; set; }

    // Shown, not posted back: filled by the controller.
    public bool TwoFactorEnabled { get; set; }
}

public sealed class ChangePasswordModelValidator : AbstractValidator<ChangePasswordModel>
{
    public ChangePasswordModelValidator(IStringLocalizer<SharedResource> l)
    {
        RuleFor(m => m.CurrentPassword).NotEmpty().WithMessage(_ => l["Enter your current password."]);
        RuleFor(m => m.NewPassword).NewPassword(l);
        RuleFor(m => m.ConfirmPassword).SameAs(m => m.NewPassword, l);
        RuleFor(m => m.Code).SecondFactorCode(l);
    }
}

/// <summary>"Confirm it's you": the password, and a code when two-factor authentication is on (see <see cref="Reauthentication"/>).</summary>
public sealed class ConfirmIdentityModel
{
    public string Password { get; set; } = string.Empty;
    public string? Code { get; set; }

    // Shown, not posted back: filled by the controller.
    public bool TwoFactorEnabled { get; set; }
}

public sealed class ConfirmIdentityModelValidator : AbstractValidator<ConfirmIdentityModel>
{
    public ConfirmIdentityModelValidator(IStringLocalizer<SharedResource> l)
    {
        RuleFor(m => m.Password).NotEmpty().WithMessage(_ => l["Enter your current password."])
            .MaximumLength(PasswordRules.MaximumLength).WithMessage(_ => l["The password is not correct."]);
        RuleFor(m => m.Code).SecondFactorCode(l);
    }
}

public static class SecondFactorCodeRule
{
    /// <summary>Six digits from the app, or a recovery code (letters and digits, dashes and spaces allowed).</summary>
    public static IRuleBuilderOptions<T, string?> SecondFactorCode<T>(this IRuleBuilder<T, string?> rule, IStringLocalizer l)
        => rule.Matches(@"^[A-Za-z0-9 \-]{0,24}$").WithMessage(_ => l["Enter the six-digit code from your app or one of your recovery codes."]);
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
