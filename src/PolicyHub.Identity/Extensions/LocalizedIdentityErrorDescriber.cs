using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Localization;

namespace PolicyHub.Identity.Extensions;

/// <summary>ASP.NET Core Identity's messages (password rules, invalid tokens …) in the person's language.</summary>
public sealed class LocalizedIdentityErrorDescriber(IStringLocalizer<SharedResource> localizer) : IdentityErrorDescriber
{
    private static IdentityError Error(string code, LocalizedString description) => new() { Code = code, Description = description };

    public override IdentityError DefaultError() => Error(nameof(DefaultError), localizer["Something went wrong. Please try again."]);
    public override IdentityError PasswordMismatch() => Error(nameof(PasswordMismatch), localizer["The password is not correct."]);
    public override IdentityError InvalidToken() => Error(nameof(InvalidToken), localizer["This link is invalid or has expired. Please request a new one."]);
    public override IdentityError InvalidEmail(string? email) => Error(nameof(InvalidEmail), localizer["'{0}' is not a valid email address.", email ?? string.Empty]);
    public override IdentityError InvalidUserName(string? userName) => Error(nameof(InvalidUserName), localizer["'{0}' is not a valid email address.", userName ?? string.Empty]);
    public override IdentityError DuplicateEmail(string email) => Error(nameof(DuplicateEmail), localizer["An account with this email address already exists."]);
    public override IdentityError DuplicateUserName(string userName) => Error(nameof(DuplicateUserName), localizer["An account with this email address already exists."]);
    public override IdentityError PasswordTooShort(int length) => Error(nameof(PasswordTooShort), localizer["The password must be at least {0} characters long.", length]);
    public override IdentityError PasswordRequiresNonAlphanumeric() => Error(nameof(PasswordRequiresNonAlphanumeric), localizer["The password must contain a character that is neither a letter nor a digit."]);
    public override IdentityError PasswordRequiresDigit() => Error(nameof(PasswordRequiresDigit), localizer["The password must contain a digit."]);
    public override IdentityError PasswordRequiresLower() => Error(nameof(PasswordRequiresLower), localizer["The password must contain a lowercase letter."]);
    public override IdentityError PasswordRequiresUpper() => Error(nameof(PasswordRequiresUpper), localizer["The password must contain an uppercase letter."]);
    public override IdentityError PasswordRequiresUniqueChars(int uniqueChars) => Error(nameof(PasswordRequiresUniqueChars), localizer["The password must contain at least {0} different characters.", uniqueChars]);
    public override IdentityError RecoveryCodeRedemptionFailed() => Error(nameof(RecoveryCodeRedemptionFailed), localizer["The recovery code is not valid."]);
    public override IdentityError ConcurrencyFailure() => Error(nameof(ConcurrencyFailure), localizer["Your account was changed elsewhere. Please reload and try again."]);
}
