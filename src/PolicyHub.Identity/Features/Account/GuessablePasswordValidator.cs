using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Localization;
using PolicyHub.Data.Identity;

namespace PolicyHub.Identity.Features.Account;

/// <summary>
/// Refuses passwords that are easy to guess: common and breached passwords, words with digits and symbols bolted on,
/// keyboard walks, dates, the person's own name or address. Measured with zxcvbn (Dropbox's estimator, with its
/// shipped lists of common passwords, names and words); a score below <see cref="MinimumScore"/> is refused.
/// Runs after the composition rules, for every new password (register, reset, change) and for the demo accounts.
/// </summary>
public sealed class GuessablePasswordValidator(IStringLocalizer<SharedResource> l) : IPasswordValidator<ApplicationUser>
{
    public const string Code = "PasswordTooGuessable";

    /// <summary>zxcvbn's 3: "safely unguessable", about 10^8 guesses; "Password1!" scores 0, "Sommer2024!" 1.</summary>
    public const int MinimumScore = 3;

    /// <summary>Only the first characters are measured (the estimate grows quickly with length, and so does the strength).</summary>
    private const int MeasuredLength = 64;

    private static readonly string[] ProductWords = ["policyhub", "policy", "hub", "demo", "passwort", "password"];

    public Task<IdentityResult> ValidateAsync(UserManager<ApplicationUser> manager, ApplicationUser user, string? password)
    {
        if (string.IsNullOrEmpty(password))
        {
            return Task.FromResult(IdentityResult.Success);
        }

        var own = new[] { user.Email, user.UserName, user.DisplayName }
            .Where(s => !string.IsNullOrWhiteSpace(s))
            .SelectMany(s => s!.Split([' ', '@', '.', '-', '_'], StringSplitOptions.RemoveEmptyEntries))
            .Where(s => s.Length >= 3)
            .Concat(ProductWords);
        var measured = password.Length > MeasuredLength ? password[..MeasuredLength] : password;
        var result = Zxcvbn.Zxcvbn.MatchPassword(measured, own);
        return Task.FromResult(result.Score >= MinimumScore
            ? IdentityResult.Success
            : IdentityResult.Failed(new IdentityError
            {
                Code = Code,
                Description = l["This password is too easy to guess: it is a common password or close to one, a word with digits added, or part of your name or address. Use three or four unrelated words or a longer phrase."],
            }));
    }
}
