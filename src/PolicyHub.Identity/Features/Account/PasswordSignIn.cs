using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;
using PolicyHub.Data.Identity;

namespace PolicyHub.Identity.Features.Account;

public enum PasswordSignInOutcome
{
    Succeeded,
    RequiresTwoFactor,
    /// <summary>The password was right and the email address is not confirmed yet (said only after a right password).</summary>
    EmailNotConfirmed,
    /// <summary>Unknown address, wrong password or a locked account: one answer for all three.</summary>
    Refused,
}

/// <summary>
/// A password sign-in that tells a prober nothing: an unknown address, a wrong password and a locked account get
/// the same answer after the same work (a password hash is verified in each case — against a dummy hash when
/// there is no account or it is locked), and "confirm your email first" is said only after the right password.
/// Failed attempts count towards the account's lockout as before.
/// </summary>
public sealed class PasswordSignIn(UserManager<ApplicationUser> users, SignInManager<ApplicationUser> signIn)
{
    /// <summary>A hash of a random password, made with the same hasher (and work factor) as real ones.</summary>
    private static readonly Lazy<string> DummyHash = new(() => new PasswordHasher<ApplicationUser>().HashPassword(new ApplicationUser(), Convert.ToBase64String(RandomNumberGenerator.GetBytes(24))));

    public async Task<PasswordSignInOutcome> SignInAsync(string email, string password, bool rememberMe)
    {
        var user = await users.FindByEmailAsync(email.Trim());
        if (user is null || await users.IsLockedOutAsync(user))
        {
            users.PasswordHasher.VerifyHashedPassword(user ?? new ApplicationUser(), DummyHash.Value, password);
            return PasswordSignInOutcome.Refused;
        }

        if (!await users.CheckPasswordAsync(user, password))
        {
            await users.AccessFailedAsync(user);
            return PasswordSignInOutcome.Refused;
        }

        if (!await signIn.CanSignInAsync(user))
        {
            return PasswordSignInOutcome.EmailNotConfirmed;
        }

        await users.ResetAccessFailedCountAsync(user);
        var result = await signIn.PasswordSignInAsync(user, password, rememberMe, lockoutOnFailure: true);
        return result.Succeeded ? PasswordSignInOutcome.Succeeded
            : result.RequiresTwoFactor ? PasswordSignInOutcome.RequiresTwoFactor
            : PasswordSignInOutcome.Refused;
    }
}
