using Microsoft.AspNetCore.Identity;
using PolicyHub.Data.Identity;

namespace PolicyHub.Identity.Features.Manage;

public enum ReauthenticationOutcome
{
    Confirmed,
    WrongPassword,
    CodeMissing,
    WrongCode,
    LockedOut,
}

/// <summary>
/// "Confirm it's you" before a change that weakens or takes over the account (turning two-factor off, new recovery
/// codes, a new password): the password, and the second factor when it is on — an authenticator code (each time step
/// once) or a recovery code (used up). Failures count towards the same lockout as the sign-in page, so a session left
/// open in a browser cannot be used to try passwords.
/// </summary>
public sealed class Reauthentication(UserManager<ApplicationUser> users, SignInManager<ApplicationUser> signIn)
{
    public async Task<ReauthenticationOutcome> CheckAsync(ApplicationUser user, string password, string? code)
    {
        var checkedPassword = await signIn.CheckPasswordSignInAsync(user, password, lockoutOnFailure: true);
        if (checkedPassword.IsLockedOut)
        {
            return ReauthenticationOutcome.LockedOut;
        }

        if (!checkedPassword.Succeeded)
        {
            return ReauthenticationOutcome.WrongPassword;
        }

        if (!await users.GetTwoFactorEnabledAsync(user))
        {
            return ReauthenticationOutcome.Confirmed;
        }

        // App codes may be typed "123 456" or "123-456"; recovery codes are kept as issued ("ABCDE-12345"), spaces aside.
        var typed = (code ?? string.Empty).Replace(" ", string.Empty, StringComparison.Ordinal);
        var digits = typed.Replace("-", string.Empty, StringComparison.Ordinal);
        if (typed.Length == 0)
        {
            return ReauthenticationOutcome.CodeMissing;
        }

        var valid = digits.Length == 6 && digits.All(char.IsAsciiDigit)
            ? await users.VerifyTwoFactorTokenAsync(user, users.Options.Tokens.AuthenticatorTokenProvider, digits)
            : (await users.RedeemTwoFactorRecoveryCodeAsync(user, typed)).Succeeded;
        if (valid)
        {
            await users.ResetAccessFailedCountAsync(user);
            return ReauthenticationOutcome.Confirmed;
        }

        await users.AccessFailedAsync(user);
        return await users.IsLockedOutAsync(user) ? ReauthenticationOutcome.LockedOut : ReauthenticationOutcome.WrongCode;
    }
}
